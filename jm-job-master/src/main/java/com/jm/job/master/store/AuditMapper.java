package com.jm.job.master.store;

import com.jm.job.master.domain.AuditRecord;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Writes and lists the audit trail. */
@Mapper
public interface AuditMapper {

    @Insert("INSERT INTO jm_audit (at, actor, action, target_type, target_id, outcome, detail)"
            + " VALUES (NOW(3), #{actor}, #{action}, #{targetType}, #{targetId}, #{outcome}, #{detail})")
    void insert(AuditRecord record);

    @Select("SELECT id, at, actor, action, target_type, target_id, outcome, detail FROM jm_audit"
            + " ORDER BY id DESC LIMIT #{limit} OFFSET #{offset}")
    List<AuditRecord> list(@Param("offset") long offset, @Param("limit") int limit);

    @Select("SELECT COUNT(*) FROM jm_audit")
    long count();
}
