package com.jm.job.xxljob;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.xxl.job.core.context.XxlJobContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Puts {@code XxlJobHelper.log(...)} lines into the jm-job run's log. XXL-JOB writes them to the
 * run's log file, or, when its context names none (as a jm-job run's does not), to the SLF4J logger
 * {@value #XXL_JOB_LOGGER} with a prefix of time, caller and thread. This Logback appender on that
 * logger takes each such line on the handler's thread, drops the prefix (the run log has its own
 * time and level) and writes the text to the run the thread's {@link XxlJobRun} belongs to.
 *
 * <p>The logger is made non-additive while the bridge is installed, so a line goes to the run's log
 * once (not a second time through the node's capture of SLF4J lines), as in XXL-JOB, where it goes
 * to the run's file only. XXL-JOB itself never uses that logger during a run of its own.
 */
final class XxlJobLogBridge implements InitializingBean, DisposableBean {

    /** The logger {@code XxlJobHelper} logs to when a run has no log file. */
    static final String XXL_JOB_LOGGER = "xxl-job logger";

    private static final Logger log = LoggerFactory.getLogger(XxlJobLogBridge.class);

    private ch.qos.logback.classic.Logger target;
    private RunLogAppender appender;
    private boolean wasAdditive;

    @Override
    public synchronized void afterPropertiesSet() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            log.info(
                    "SLF4J does not log through Logback here: XxlJobHelper.log lines go to the '{}' logger, not"
                            + " to the run's log",
                    XXL_JOB_LOGGER);
            return;
        }
        appender = new RunLogAppender();
        appender.setContext(context);
        appender.setName("jm-job-xxl-job-run-log");
        appender.start();
        target = context.getLogger(XXL_JOB_LOGGER);
        wasAdditive = target.isAdditive();
        target.addAppender(appender);
        target.setAdditive(false);
    }

    @Override
    public synchronized void destroy() {
        if (target != null) {
            target.detachAppender(appender);
            target.setAdditive(wasAdditive);
            appender.stop();
            target = null;
        }
    }

    /** The text of an {@code XxlJobHelper.log} line without XXL-JOB's prefix. */
    static String text(String line, String threadName) {
        // "<date> <time> [<class>#<method>]-[<line>]-[<thread>] <text>"
        Matcher prefix = Pattern.compile(
                        "^.*?\\]-\\[-?\\d+\\]-\\[" + Pattern.quote(threadName) + "\\] ", Pattern.DOTALL)
                .matcher(line);
        return prefix.find() ? line.substring(prefix.end()) : line;
    }

    private static final class RunLogAppender extends AppenderBase<ILoggingEvent> {

        private static final Logger outsideRuns = LoggerFactory.getLogger(XxlJobLogBridge.class.getName() + ".outside");

        @Override
        protected void append(ILoggingEvent event) {
            Object[] arguments = event.getArgumentArray();
            String line = arguments != null && arguments.length == 1 && arguments[0] instanceof String s
                    ? s
                    : event.getFormattedMessage();
            // Logback appends on the logging thread, the one whose context XxlJobHelper used.
            if (XxlJobContext.getXxlJobContext() instanceof XxlJobRun run) {
                run.log(text(line, event.getThreadName()));
            } else {
                // Not a jm-job run's line (an XXL-JOB context set by someone else): keep it visible.
                outsideRuns.info("{}", line);
            }
        }
    }
}
