package com.jm.job.master.e2e;

import com.jm.job.master.support.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two masters on one fresh database, sending alarms to {@link AlarmReceivers}: the first started,
 * the second started by the test once its rules exist (a master trusts its copy of the rules for
 * {@code rule-cache-ttl}, so a rule made through one master would otherwise reach the other only
 * after that).
 */
final class AlarmCluster implements AutoCloseable {

    private final JsonMapper json = JsonMapper.builder().build();
    final AlarmReceivers receivers = new AlarmReceivers();
    final MasterInstance a;
    final MasterInstance b;
    final MasterApi api;

    /** With fast lease checks and dispatch passes, and {@code properties} on both masters. */
    AlarmCluster(String... properties) {
        String database = TestDatabases.createDatabase("alarm");
        String[] shared = Stream.of(
                        Stream.of(
                                "jm.job.master.lease-check-interval=100ms",
                                "jm.job.master.alarms.dispatch-interval=100ms"),
                        Stream.of(properties),
                        Stream.of(receivers.mailProperties()))
                .flatMap(s -> s)
                .toArray(String[]::new);
        a = new MasterInstance(database, 0, shared).start();
        b = new MasterInstance(database, 0, shared);
        api = new MasterApi(a.url());
    }

    void startSecond() {
        b.start();
    }

    JdbcTemplate jdbc() {
        return a.jdbc();
    }

    /** Creates a rule through the first master; answers its id. */
    long rule(Map<String, Object> body) {
        return api.post("/api/alarms", json.writeValueAsString(body)).get("id").asLong();
    }

    /** A rule of scope ALL for {@code events}, to {@code /hook}. */
    Map<String, Object> webhook(String name, String... events) {
        return definition(name, events, "WEBHOOK", "webhookUrl", receivers.url("/hook"));
    }

    /** A rule of scope ALL for {@code events}, mailed to one address. */
    Map<String, Object> mail(String name, String... events) {
        return definition(name, events, "MAIL", "mailTo", List.of("oncall@example.com"));
    }

    private static Map<String, Object> definition(
            String name, String[] events, String channel, String target, Object value) {
        return Map.of("name", name, "scope", "ALL", "events", List.of(events), "channel", channel, target, value);
    }

    long deliveries(String where) {
        return jdbc().queryForObject("SELECT COUNT(*) FROM jm_alarm_delivery WHERE " + where, Long.class);
    }

    @Override
    public void close() {
        a.close();
        b.close();
        receivers.close();
    }
}
