package com.jm.job.common.protocol;

/** How important a run log line is: SLF4J's levels, the same names. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR
}
