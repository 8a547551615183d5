package com.jm.job.master.store;

import com.jm.job.master.domain.GroupRecord;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Reads and writes {@code jm_group}. */
@Mapper
public interface GroupMapper {

    void insert(GroupRecord group);

    GroupRecord findById(long id);

    /** Those of {@code ids} that name a group. */
    List<Long> existingIds(@Param("ids") Collection<Long> ids);

    GroupRecord findByName(String name);

    /** The group's id, its row locked until the transaction ends (the latest committed row); null when none. */
    @Select("SELECT id FROM jm_group WHERE name = #{name} FOR UPDATE")
    Long lockIdByName(String name);

    List<GroupRecord> list(@Param("offset") long offset, @Param("limit") int limit);

    long count();

    /** Pauses or resumes a group; 0 rows when it does not exist. */
    int setPaused(@Param("id") long id, @Param("paused") boolean paused);
}
