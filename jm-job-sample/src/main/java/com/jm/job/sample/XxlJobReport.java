package com.jm.job.sample;

import com.xxl.job.core.context.XxlJobHelper;
import com.xxl.job.core.handler.annotation.XxlJob;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A job written for XXL-JOB, unchanged: {@code jm-job-xxl-job-compat} makes its {@code @XxlJob}
 * method the jm-job handler {@value #NAME}. Like {@link ShardedReportJob} it reports on its shard's
 * slice of the ids, reading the shard and the params through {@code XxlJobHelper}, and writes what
 * it does to the run's log with {@code XxlJobHelper.log}. Params {@value #FAIL} make it end with
 * {@code XxlJobHelper.handleFail}, as a job does when a step it depends on refused.
 */
@Component
public class XxlJobReport {

    static final String NAME = "xxlShardedReport";
    static final String FAIL = "fail";

    @XxlJob(NAME)
    public void report() {
        String param = XxlJobHelper.getJobParam();
        int index = XxlJobHelper.getShardIndex();
        int total = XxlJobHelper.getShardTotal();
        XxlJobHelper.log("shard {} of {}, param {}", index, total, param);
        if (FAIL.equals(param)) {
            XxlJobHelper.handleFail(
                    "shard " + index + " of " + total + ": the report source refused (param " + param + ")");
            return;
        }
        List<Integer> ids = ShardedReportJob.idsOfShard(index, total);
        XxlJobHelper.log("reported on ids {}", ids);
        XxlJobHelper.handleSuccess("shard " + index + " of " + total + ", param " + param + ", ids " + ids);
    }
}
