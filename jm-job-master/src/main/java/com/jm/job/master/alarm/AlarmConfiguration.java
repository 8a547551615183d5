package com.jm.job.master.alarm;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.AlarmChannel;
import com.jm.job.master.events.Signal;
import com.jm.job.master.schedule.MasterLoop;
import com.jm.job.master.store.AlarmMapper;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alarms: the recorder (inside the transactions that end runs), the detector and the dispatcher
 * loops ({@code jm-job-alarm-detect}, {@code jm-job-alarm-dispatch}), and the sender pool
 * ({@code jm-job-alarm-send-N}) that is all a slow receiver can hold up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "jm.job.master.alarms.enabled", havingValue = "true", matchIfMissing = true)
class AlarmConfiguration {

    /** Wakes this master's dispatcher when it recorded an event, so sending does not wait a pass. */
    @Bean
    Signal alarmDispatchSignal() {
        return new Signal();
    }

    @Bean
    AlarmRecorder alarmRecorder(AlarmMapper alarms, AlarmRules rules, Signal alarmDispatchSignal) {
        return new AlarmRecorder(alarms, rules, alarmDispatchSignal);
    }

    @Bean
    AlarmDetector alarmDetector(
            AlarmMapper alarms, AlarmRules rules, AlarmRecorder recorder, JmJobMasterProperties properties) {
        return new AlarmDetector(alarms, rules, recorder, properties);
    }

    @Bean
    AlarmSecretsUpgrade alarmSecretsUpgrade(AlarmMapper alarms, AlarmSecrets secrets) {
        return new AlarmSecretsUpgrade(alarms, secrets);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService alarmSenders(JmJobMasterProperties properties) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "jm-job-alarm-send-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(properties.getAlarms().getSenderThreads(), threads);
    }

    @Bean
    AlarmDispatcher alarmDispatcher(
            AlarmMapper alarms,
            PlatformTransactionManager transactions,
            ExecutorService alarmSenders,
            MailSender mail,
            JsonMapper json,
            AlarmSecrets secrets,
            JmJobMasterProperties properties) {
        TransactionTemplate claims = new TransactionTemplate(transactions);
        // As the task claims: SKIP LOCKED batch claimers deadlock under REPEATABLE READ.
        claims.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.getAlarms().getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Map<AlarmChannel, AlarmSender> channels = Map.of(
                AlarmChannel.WEBHOOK, new WebhookSender(http, json, properties, secrets), AlarmChannel.MAIL, mail);
        // Names this master on the rows it claims (for an operator reading the table), nothing more.
        String master = "master-" + UUID.randomUUID();
        return new AlarmDispatcher(alarms, claims, alarmSenders, channels, properties, master);
    }

    @Bean
    @ConditionalOnProperty(name = "jm.job.master.background", havingValue = "true", matchIfMissing = true)
    MasterLoop alarmDispatchLoop(
            AlarmDispatcher dispatcher, Signal alarmDispatchSignal, JmJobMasterProperties properties) {
        return new MasterLoop(
                "jm-job-alarm-dispatch",
                () -> {
                    dispatcher.dispatch();
                    return properties.getAlarms().getDispatchInterval();
                },
                alarmDispatchSignal);
    }

    @Bean
    @ConditionalOnProperty(name = "jm.job.master.background", havingValue = "true", matchIfMissing = true)
    MasterLoop alarmDetectLoop(AlarmDetector detector, AlarmSecretsUpgrade upgrade, JmJobMasterProperties properties) {
        return new MasterLoop(
                "jm-job-alarm-detect",
                () -> {
                    upgrade.upgradeOnce();
                    while (detector.detect() == AlarmDetector.BATCH) {
                        // A full batch: more runs to look at.
                    }
                    return properties.getAlarms().getDetectInterval();
                },
                new Signal());
    }
}
