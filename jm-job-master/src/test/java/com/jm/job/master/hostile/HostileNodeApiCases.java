package com.jm.job.master.hostile;

import static com.jm.job.master.hostile.Endpoints.DEREGISTER;
import static com.jm.job.master.hostile.Endpoints.FINISH;
import static com.jm.job.master.hostile.Endpoints.HEARTBEAT;
import static com.jm.job.master.hostile.Endpoints.LOGS;
import static com.jm.job.master.hostile.Endpoints.POLL;
import static com.jm.job.master.hostile.Endpoints.REGISTER;
import static com.jm.job.master.hostile.HostileParams.LONG_OVERFLOW;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Field-by-field attacks on the node protocol, and calls naming other nodes or their runs. */
final class HostileNodeApiCases {

    private HostileNodeApiCases() {}

    static List<HostileCase> register() {
        Endpoint e = REGISTER;
        List<HostileCase> cases = new ArrayList<>();
        for (String field : List.of("group", "ip", "instance")) {
            cases.add(e.missing(field, 400));
            cases.add(e.field("null " + field, 400, field, null));
            cases.add(e.field("blank " + field, 400, field, " "));
            cases.add(e.field(field + " as object", 400, field, Map.of("a", 1)));
        }
        cases.add(e.field("group of 129 characters", 400, "group", "g".repeat(129)));
        cases.add(e.field("ip of 65 characters", 400, "ip", "1".repeat(65)));
        cases.add(e.field("instance of 129 characters", 400, "instance", "i".repeat(129)));
        cases.add(e.field("negative port", 400, "port", -1));
        cases.add(e.field("port 65536", 400, "port", 65_536));
        cases.add(e.field("port as word", 400, "port", "http"));
        cases.add(e.missing("threads", 400));
        cases.add(e.field("zero threads", 400, "threads", 0));
        cases.add(e.field("negative threads", 400, "threads", -8));
        cases.add(e.field("10001 threads", 400, "threads", 10_001));
        cases.add(e.field("threads beyond int", 400, "threads", 2_147_483_648L));
        cases.add(e.field("threads as word", 400, "threads", "many"));
        cases.add(e.field("tags as text", 400, "tags", "gpu"));
        cases.add(e.field("tag with markup", 400, "tags", List.of("<img src=x onerror=alert(1)>")));
        cases.add(e.field("tag with a comma", 400, "tags", List.of("a,b")));
        cases.add(e.field("tags with null", 400, "tags", java.util.Collections.singletonList(null)));
        cases.add(e.field(
                "33 tags",
                400,
                "tags",
                java.util.stream.IntStream.range(0, 33).mapToObj(i -> "t" + i).toList()));
        cases.add(e.field("nodeId in the body", 400, "nodeId", 1));
        cases.add(e.field("sessionToken in the body", 400, "sessionToken", "mine"));
        return cases;
    }

    static List<HostileCase> poll() {
        Endpoint e = POLL;
        List<HostileCase> cases = new ArrayList<>(nodeIds(e));
        cases.add(e.field("zero maxTasks", 400, "maxTasks", 0));
        cases.add(e.field("negative maxTasks", 400, "maxTasks", -1));
        cases.add(e.field("maxTasks over 1000", 400, "maxTasks", 1001));
        cases.add(e.field("maxTasks beyond int", 400, "maxTasks", 2_147_483_648L));
        cases.add(e.field("negative waitMillis", 400, "waitMillis", -1));
        cases.add(e.field("waitMillis over two minutes", 400, "waitMillis", 120_001));
        cases.add(e.field("waitMillis past Long.MAX_VALUE", 400, "waitMillis", new BigInteger(LONG_OVERFLOW)));
        return cases;
    }

    static List<HostileCase> heartbeat() {
        Endpoint e = HEARTBEAT;
        List<HostileCase> cases = new ArrayList<>(nodeIds(e));
        cases.add(e.field("runIds as word", 400, "runIds", "all"));
        cases.add(e.field("runIds as object", 400, "runIds", Map.of("id", 1)));
        cases.add(e.field("runIds with a word", 400, "runIds", List.of("x")));
        cases.add(e.field("runIds with null", 400, "runIds", Collections.singletonList(null)));
        cases.add(e.field("runIds past Long.MAX_VALUE", 400, "runIds", List.of(new BigInteger(LONG_OVERFLOW))));
        cases.add(e.body(
                "another node's run",
                403,
                t -> JsonBodies.write(JsonBodies.with(e.validBody().apply(t), "runIds", List.of(t.runId())))));
        return cases;
    }

    static List<HostileCase> finish() {
        Endpoint e = FINISH;
        List<HostileCase> cases = new ArrayList<>(nodeIds(e));
        cases.add(e.missing("outcomes", 400));
        cases.add(e.field("null outcomes", 400, "outcomes", null));
        cases.add(e.field("outcomes as object", 400, "outcomes", Map.of("runId", 1)));
        cases.add(e.field("null outcome", 400, "outcomes", Collections.singletonList(null)));
        cases.add(e.field("1001 outcomes", 400, "outcomes", Collections.nCopies(1001, outcome(1, "SUCCEEDED", 1))));
        cases.add(e.field("unknown result", 400, "outcomes", List.of(outcome(1, "MAYBE", 1))));
        cases.add(e.field("lower-case result", 400, "outcomes", List.of(outcome(1, "succeeded", 1))));
        cases.add(e.field("missing result", 400, "outcomes", List.of(Map.of("runId", 1, "durationMillis", 1))));
        cases.add(e.field("negative duration", 400, "outcomes", List.of(outcome(1, "SUCCEEDED", -1))));
        cases.add(e.field("runId as word", 400, "outcomes", List.of(Map.of("runId", "x", "result", "SUCCEEDED"))));
        cases.add(e.field(
                "unknown field in an outcome",
                400,
                "outcomes",
                List.of(Map.of("runId", 1, "result", "SUCCEEDED", "taskId", 1))));
        cases.add(e.body(
                "another node's run",
                403,
                t -> JsonBodies.write(JsonBodies.with(
                        e.validBody().apply(t), "outcomes", List.of(outcome(t.runId(), "FAILED", 1))))));
        return cases;
    }

    static List<HostileCase> logs() {
        Endpoint e = LOGS;
        List<HostileCase> cases = new ArrayList<>(nodeIds(e));
        Map<String, Object> line = Map.of("at", "2026-12-01T10:00:00Z", "level", "INFO", "text", "hello");
        cases.add(e.missing("runs", 400));
        cases.add(e.field("null runs", 400, "runs", null));
        cases.add(e.field("runs as object", 400, "runs", Map.of("runId", 1)));
        cases.add(e.field("null run", 400, "runs", Collections.singletonList(null)));
        cases.add(e.field("1001 runs", 400, "runs", Collections.nCopies(1001, logRun(1, List.of(), 0))));
        cases.add(e.field("runId as word", 400, "runs", List.of(Map.of("runId", "x", "lines", List.of()))));
        cases.add(e.field(
                "runId past Long.MAX_VALUE",
                400,
                "runs",
                List.of(Map.of("runId", new BigInteger(LONG_OVERFLOW), "lines", List.of()))));
        cases.add(e.field("missing lines", 400, "runs", List.of(Map.of("runId", 1))));
        cases.add(e.field("lines as text", 400, "runs", List.of(Map.of("runId", 1, "lines", "hello"))));
        cases.add(e.field("null line", 400, "runs", List.of(logRun(1, Collections.singletonList(null), 0))));
        cases.add(e.field("1001 lines", 400, "runs", List.of(logRun(1, Collections.nCopies(1001, line), 0))));
        cases.add(e.field("negative dropped", 400, "runs", List.of(logRun(1, List.of(), -1))));
        cases.add(e.field(
                "dropped as word", 400, "runs", List.of(Map.of("runId", 1, "lines", List.of(), "dropped", "all"))));
        for (String field : List.of("at", "level", "text")) {
            Map<String, Object> without = new java.util.HashMap<>(line);
            without.remove(field);
            cases.add(e.field("line without " + field, 400, "runs", List.of(logRun(1, List.of(without), 0))));
            Map<String, Object> nulled = new java.util.HashMap<>(line);
            nulled.put(field, null);
            cases.add(e.field("line with null " + field, 400, "runs", List.of(logRun(1, List.of(nulled), 0))));
        }
        cases.add(e.field("unknown level", 400, "runs", List.of(logRun(1, List.of(with(line, "level", "FATAL")), 0))));
        cases.add(
                e.field("lower-case level", 400, "runs", List.of(logRun(1, List.of(with(line, "level", "info")), 0))));
        cases.add(e.field("at as word", 400, "runs", List.of(logRun(1, List.of(with(line, "at", "yesterday")), 0))));
        cases.add(e.field(
                "at without an offset",
                400,
                "runs",
                List.of(logRun(1, List.of(with(line, "at", "2026-12-01T10:00:00")), 0))));
        cases.add(e.field("text as object", 400, "runs", List.of(logRun(1, List.of(with(line, "text", Map.of())), 0))));
        cases.add(e.field(
                "unknown field in a line", 400, "runs", List.of(logRun(1, List.of(with(line, "logger", "x")), 0))));
        cases.addAll(logNumbers(e, line));
        cases.add(runs(e, "another node's run", 403, t -> List.of(logRun(t.runId(), List.of(line), 0))));
        cases.add(runs(
                e,
                "another node's run beside its own unknown one",
                403,
                t -> List.of(logRun(987_654, List.of(line), 0), logRun(t.runId(), List.of(line), 3))));
        return cases;
    }

    /** Line numbers (seq, nextSeq) out of their type or breaking the rules of one batch. */
    private static List<HostileCase> logNumbers(Endpoint e, Map<String, Object> line) {
        List<HostileCase> cases = new ArrayList<>();
        for (Object bad : List.of(-1, "one", 1.5, new BigInteger(LONG_OVERFLOW), Map.of())) {
            cases.add(e.field("seq " + bad, 400, "runs", List.of(numbered(1, List.of(with(line, "seq", bad)), 5))));
            Map<String, Object> run = numbered(1, List.of(with(line, "seq", 0)), 5);
            run.put("nextSeq", bad);
            cases.add(e.field("nextSeq " + bad, 400, "runs", List.of(run)));
        }
        cases.add(e.field(
                "numbered line without nextSeq", 400, "runs", List.of(logRun(1, List.of(with(line, "seq", 0)), 0))));
        cases.add(e.field("nextSeq with an unnumbered line", 400, "runs", List.of(numbered(1, List.of(line), 5))));
        cases.add(e.field(
                "an unnumbered line among numbered ones",
                400,
                "runs",
                List.of(numbered(1, List.of(with(line, "seq", 0), line), 5))));
        List<Map.Entry<String, List<Integer>>> badOrders = List.of(
                Map.entry("seqs going down", List.of(3, 2)),
                Map.entry("a seq twice", List.of(2, 2)),
                Map.entry("nextSeq at the last seq", List.of(5)),
                Map.entry("nextSeq below the last seq", List.of(9)));
        badOrders.forEach(bad -> cases.add(e.field(
                bad.getKey(),
                400,
                "runs",
                List.of(numbered(
                        1,
                        bad.getValue().stream()
                                .map(seq -> with(line, "seq", seq))
                                .toList(),
                        5)))));
        // The numbering is checked before whose runs they are, and refuses the whole call.
        cases.add(runs(
                e,
                "a badly numbered batch after a good one",
                400,
                t -> List.of(
                        numbered(t.runId(), List.of(with(line, "seq", 0)), 1),
                        numbered(t.runId(), List.of(with(line, "seq", 1)), 1))));
        return cases;
    }

    /** A case sending the valid body with the runs {@code runs} builds for the target. */
    private static HostileCase runs(
            Endpoint e, String name, int status, java.util.function.Function<HostileTarget, List<?>> runs) {
        return e.body(
                name,
                status,
                t -> JsonBodies.write(JsonBodies.with(e.validBody().apply(t), "runs", runs.apply(t))));
    }

    private static Map<String, Object> numbered(long runId, List<?> lines, Object nextSeq) {
        Map<String, Object> run = logRun(runId, lines, 0);
        run.put("nextSeq", nextSeq);
        return run;
    }

    static List<HostileCase> deregister() {
        return nodeIds(DEREGISTER);
    }

    /** Node ids that are not the caller's: other nodes, no nodes, no numbers. */
    private static List<HostileCase> nodeIds(Endpoint e) {
        return List.of(
                e.missing("nodeId", 400),
                e.field("null nodeId", 400, "nodeId", null),
                e.body(
                        "another node's id with this session",
                        404,
                        t -> JsonBodies.write(JsonBodies.with(e.validBody().apply(t), "nodeId", t.otherNodeId()))),
                e.field("unknown nodeId", 404, "nodeId", 987_654),
                e.field("negative nodeId", 404, "nodeId", -1),
                e.field("zero nodeId", 404, "nodeId", 0),
                e.field("nodeId past Long.MAX_VALUE", 400, "nodeId", new BigInteger(LONG_OVERFLOW)),
                e.field("nodeId as word", 400, "nodeId", "me"),
                e.field("nodeId 1.5", 400, "nodeId", 1.5),
                e.field("nodeId as SQL", 400, "nodeId", "1 OR 1=1"),
                e.field("nodeId as array", 400, "nodeId", List.of(1)));
    }

    private static Map<String, Object> logRun(long runId, List<?> lines, long dropped) {
        Map<String, Object> run = new java.util.LinkedHashMap<>();
        run.put("runId", runId);
        run.put("lines", lines);
        run.put("dropped", dropped);
        return run;
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> outcome(long runId, String result, long durationMillis) {
        return Map.of("runId", runId, "result", result, "durationMillis", durationMillis);
    }
}
