package com.jm.job.master.store;

import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Select;

/** The database clock: the one time every master and node agrees on. */
@Mapper
public interface TimeMapper {

    /** The database's current time (UTC, as every session of the master runs), to the millisecond. */
    @Select("SELECT NOW(3)")
    LocalDateTime now();
}
