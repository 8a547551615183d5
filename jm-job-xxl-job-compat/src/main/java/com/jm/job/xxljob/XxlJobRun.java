package com.jm.job.xxljob;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobResult;
import com.jm.job.common.protocol.LogLevel;
import com.xxl.job.core.context.XxlJobContext;

/**
 * The {@link XxlJobContext} of one jm-job run: what {@code XxlJobHelper} reads inside an {@code
 * @XxlJob} method (the task id as job id, the task's params, the run's shard), and where the
 * method's {@code handleSuccess}/{@code handleFail}/{@code handleTimeout} land. It has no log file:
 * XXL-JOB then logs {@code XxlJobHelper.log} lines through SLF4J, from where {@link XxlJobLogBridge}
 * hands them to {@link #log(String)}.
 */
final class XxlJobRun extends XxlJobContext {

    /** XXL-JOB's own words for a handler that set a code of 0 or less, so operators recognise it. */
    static final String RESULT_LOST = "job handle result lost.";

    private final JobContext context;

    XxlJobRun(JobContext context) {
        super(context.taskId(), context.params(), null, context.shardIndex(), context.shardTotal());
        this.context = context;
    }

    /** Writes a line of {@code XxlJobHelper.log} to the run's log. */
    void log(String text) {
        context.log(LogLevel.INFO, "{}", text);
    }

    /**
     * How the run ended by the handle code the method left, as XXL-JOB 3.x's job thread reads it:
     * 200 (the default, or {@code handleSuccess}) succeeded, every other code failed ({@code
     * handleFail} 500, {@code handleTimeout} 502, any {@code handleResult}), 0 or less is a lost
     * result.
     */
    JobResult result() {
        int code = getHandleCode();
        String message = getHandleMsg();
        if (code <= 0) {
            return JobResult.failure(RESULT_LOST);
        }
        if (code == HANDLE_CODE_SUCCESS) {
            return JobResult.success(message);
        }
        return JobResult.failure(message != null ? message : "the @XxlJob method set handle code " + code);
    }
}
