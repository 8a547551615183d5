package com.jm.job.master.store;

import com.jm.job.master.domain.GroupRecord;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Reads and writes {@code jm_group}. */
@Mapper
public interface GroupMapper {

    void insert(GroupRecord group);

    GroupRecord findById(long id);

    GroupRecord findByName(String name);

    List<GroupRecord> list(@Param("offset") long offset, @Param("limit") int limit);

    long count();

    /** Pauses or resumes a group; 0 rows when it does not exist. */
    int setPaused(@Param("id") long id, @Param("paused") boolean paused);
}
