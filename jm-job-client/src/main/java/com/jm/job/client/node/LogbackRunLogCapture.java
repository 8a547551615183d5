package com.jm.job.client.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.jm.job.common.protocol.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SLF4J lines logged on a run's thread into the run's log: a Logback appender on the root
 * logger takes each event whose MDC carries {@link JmJobNode#MDC_RUN_ID} (set by the worker
 * around the handler call, so lines of other threads carry none) and hands it to the shipper,
 * which keeps it only while that run executes on its node. Loaded only when Logback is present.
 */
final class LogbackRunLogCapture {

    private static final Logger log = LoggerFactory.getLogger(LogbackRunLogCapture.class);

    private LogbackRunLogCapture() {}

    /** Attaches the appender; closing the answer detaches it. Without Logback as SLF4J's backend: nothing. */
    static AutoCloseable install(RunLogShipper shipper) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            log.info("SLF4J does not log through Logback here; run logs get JobContext.log lines only");
            return () -> {};
        }
        RunLogAppender appender = new RunLogAppender(shipper);
        appender.setContext(context);
        appender.setName("jm-job-run-log");
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return () -> {
            root.detachAppender(appender);
            appender.stop();
        };
    }

    private static final class RunLogAppender extends AppenderBase<ILoggingEvent> {

        private final RunLogShipper shipper;

        RunLogAppender(RunLogShipper shipper) {
            this.shipper = shipper;
        }

        @Override
        protected void append(ILoggingEvent event) {
            String runId = event.getMDCPropertyMap().get(JmJobNode.MDC_RUN_ID);
            if (runId == null) {
                return;
            }
            long id;
            try {
                id = Long.parseLong(runId);
            } catch (NumberFormatException e) {
                return; // someone else's value under our key: not a run of this node
            }
            String text = event.getFormattedMessage();
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                text = (text == null ? "" : text + System.lineSeparator()) + ThrowableProxyUtil.asString(thrown);
            }
            shipper.writeTagged(id, level(event.getLevel()), text);
        }

        private static LogLevel level(Level level) {
            if (level.isGreaterOrEqual(Level.ERROR)) {
                return LogLevel.ERROR;
            }
            if (level.isGreaterOrEqual(Level.WARN)) {
                return LogLevel.WARN;
            }
            if (level.isGreaterOrEqual(Level.INFO)) {
                return LogLevel.INFO;
            }
            return level.isGreaterOrEqual(Level.DEBUG) ? LogLevel.DEBUG : LogLevel.TRACE;
        }
    }
}
