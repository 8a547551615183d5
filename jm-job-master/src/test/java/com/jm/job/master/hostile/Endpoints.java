package com.jm.job.master.hostile;

import static com.jm.job.master.hostile.Endpoint.Access.NODE_SESSION;
import static com.jm.job.master.hostile.Endpoint.Access.NODE_TOKEN;
import static com.jm.job.master.hostile.Endpoint.Access.OPEN;
import static com.jm.job.master.hostile.Endpoint.Access.READ;
import static com.jm.job.master.hostile.Endpoint.Access.WRITE;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.jm.job.common.protocol.NodeApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Every endpoint of the master, each with a call it accepts. */
final class Endpoints {

    static final Endpoint CREATE_GROUP = new Endpoint(
            "POST /api/groups", WRITE, t -> post("/api/groups"), t -> body("name", "group-" + UUID.randomUUID()));
    static final Endpoint LIST_GROUPS = new Endpoint("GET /api/groups", READ, t -> get("/api/groups"), null);
    static final Endpoint GET_GROUP =
            new Endpoint("GET /api/groups/{id}", READ, t -> get("/api/groups/{id}", t.groupId()), null);

    static final Endpoint CREATE_TASK = new Endpoint(
            "POST /api/tasks",
            WRITE,
            t -> post("/api/tasks"),
            t -> body("name", "task", "beanName", "helloJob", "groupId", t.groupId()));
    /** Two tasks, each the body {@link #CREATE_TASK} accepts. */
    static final Endpoint CREATE_TASKS = new Endpoint(
            "POST /api/tasks/batch",
            WRITE,
            t -> post("/api/tasks/batch"),
            t -> body(
                    "tasks",
                    List.of(
                            CREATE_TASK.validBody().apply(t),
                            CREATE_TASK.validBody().apply(t))));

    static final Endpoint LIST_TASKS = new Endpoint("GET /api/tasks", READ, t -> get("/api/tasks"), null);
    static final Endpoint GET_TASK =
            new Endpoint("GET /api/tasks/{id}", READ, t -> get("/api/tasks/{id}", t.idleTaskId()), null);
    static final Endpoint UPDATE_TASK = new Endpoint(
            "PUT /api/tasks/{id}",
            WRITE,
            t -> put("/api/tasks/{id}", t.idleTaskId()),
            t -> body("name", "renamed", "beanName", "helloJob"));
    static final Endpoint DISABLE_TASK = taskAction("disable");
    static final Endpoint ENABLE_TASK = taskAction("enable");
    static final Endpoint RETRY_TASK = taskAction("retry");
    /** Its body is optional; when one is sent it must be a JSON object (so the body cases apply). */
    static final Endpoint TRIGGER_TASK = new Endpoint(
            "POST /api/tasks/{id}/trigger",
            WRITE,
            t -> post("/api/tasks/{id}/trigger", t.idleTaskId()),
            t -> body("params", "for this fire"));

    static final Endpoint TASK_RUNS =
            new Endpoint("GET /api/tasks/{id}/runs", READ, t -> get("/api/tasks/{id}/runs", t.idleTaskId()), null);

    static final Endpoint RUN_LOG =
            new Endpoint("GET /api/runs/{id}/log", READ, t -> get("/api/runs/{id}/log", t.runId()), null);

    static final Endpoint PAUSE_GROUP = groupAction("pause");
    static final Endpoint RESUME_GROUP = groupAction("resume");

    static final Endpoint CRON_NEXT = new Endpoint("GET /api/cron/next", READ, t -> get("/api/cron/next"), null);

    static final Endpoint LIST_NODES = new Endpoint("GET /api/nodes", READ, t -> get("/api/nodes"), null);
    static final Endpoint GET_NODE =
            new Endpoint("GET /api/nodes/{id}", READ, t -> get("/api/nodes/{id}", t.nodeId()), null);
    static final Endpoint DISABLE_NODE = nodeAction("disable");
    static final Endpoint ENABLE_NODE = nodeAction("enable");

    /** Operators only, though a read; its cases check that VIEWER is refused. */
    static final Endpoint AUDIT = new Endpoint("GET /api/audit", WRITE, t -> get("/api/audit"), null);

    /** Reads the database and refills the pending index; writes no table. */
    static final Endpoint REBUILD_INDEX =
            new Endpoint("POST /api/index/rebuild", WRITE, t -> post("/api/index/rebuild"), null);

    static final Endpoint CREATE_ALARM =
            new Endpoint("POST /api/alarms", WRITE, t -> post("/api/alarms"), t -> alarmRule());
    static final Endpoint LIST_ALARMS = new Endpoint("GET /api/alarms", READ, t -> get("/api/alarms"), null);
    static final Endpoint ALARM_DELIVERIES =
            new Endpoint("GET /api/alarms/deliveries", READ, t -> get("/api/alarms/deliveries"), null);
    static final Endpoint GET_ALARM =
            new Endpoint("GET /api/alarms/{id}", READ, t -> get("/api/alarms/{id}", t.alarmRuleId()), null);
    static final Endpoint UPDATE_ALARM = new Endpoint(
            "PUT /api/alarms/{id}", WRITE, t -> put("/api/alarms/{id}", t.alarmRuleId()), t -> alarmRule());
    static final Endpoint DELETE_ALARM =
            new Endpoint("DELETE /api/alarms/{id}", WRITE, t -> delete("/api/alarms/{id}", t.alarmRuleId()), null);

    static final Endpoint REGISTER = new Endpoint(
            "POST " + NodeApi.REGISTER,
            NODE_TOKEN,
            t -> post(NodeApi.REGISTER),
            t -> body("group", "hostile", "ip", "10.0.0.9", "instance", "n-" + UUID.randomUUID(), "threads", 2));
    static final Endpoint POLL = new Endpoint(
            "POST " + NodeApi.POLL,
            NODE_SESSION,
            t -> post(NodeApi.POLL),
            t -> body("nodeId", t.nodeId(), "maxTasks", 1, "waitMillis", 0));
    static final Endpoint HEARTBEAT = new Endpoint(
            "POST " + NodeApi.HEARTBEAT,
            NODE_SESSION,
            t -> post(NodeApi.HEARTBEAT),
            t -> body("nodeId", t.nodeId(), "runIds", List.of()));
    static final Endpoint FINISH = new Endpoint(
            "POST " + NodeApi.FINISH,
            NODE_SESSION,
            t -> post(NodeApi.FINISH),
            t -> body("nodeId", t.nodeId(), "outcomes", List.of()));
    static final Endpoint LOGS = new Endpoint(
            "POST " + NodeApi.LOGS,
            NODE_SESSION,
            t -> post(NodeApi.LOGS),
            t -> body("nodeId", t.nodeId(), "runs", List.of()));
    static final Endpoint DEREGISTER = new Endpoint(
            "POST " + NodeApi.DEREGISTER, NODE_SESSION, t -> post(NodeApi.DEREGISTER), t -> body("nodeId", t.nodeId()));

    static final Endpoint HEALTH = new Endpoint("GET /actuator/health", OPEN, t -> get("/actuator/health"), null);
    static final Endpoint API_DOCS = new Endpoint("GET /v3/api-docs", READ, t -> get("/v3/api-docs"), null);

    static final List<Endpoint> ALL = List.of(
            CREATE_GROUP,
            LIST_GROUPS,
            GET_GROUP,
            CREATE_TASK,
            CREATE_TASKS,
            LIST_TASKS,
            GET_TASK,
            UPDATE_TASK,
            DISABLE_TASK,
            ENABLE_TASK,
            RETRY_TASK,
            TRIGGER_TASK,
            TASK_RUNS,
            RUN_LOG,
            CRON_NEXT,
            PAUSE_GROUP,
            RESUME_GROUP,
            LIST_NODES,
            GET_NODE,
            DISABLE_NODE,
            ENABLE_NODE,
            AUDIT,
            REBUILD_INDEX,
            CREATE_ALARM,
            LIST_ALARMS,
            ALARM_DELIVERIES,
            GET_ALARM,
            UPDATE_ALARM,
            DELETE_ALARM,
            REGISTER,
            POLL,
            HEARTBEAT,
            FINISH,
            LOGS,
            DEREGISTER,
            HEALTH,
            API_DOCS);

    private Endpoints() {}

    private static Endpoint taskAction(String action) {
        return new Endpoint(
                "POST /api/tasks/{id}/" + action, WRITE, t -> post("/api/tasks/{id}/" + action, t.idleTaskId()), null);
    }

    private static Endpoint groupAction(String action) {
        return new Endpoint(
                "POST /api/groups/{id}/" + action, WRITE, t -> post("/api/groups/{id}/" + action, t.groupId()), null);
    }

    private static Endpoint nodeAction(String action) {
        return new Endpoint(
                "POST /api/nodes/{id}/" + action, WRITE, t -> post("/api/nodes/{id}/" + action, t.nodeId()), null);
    }

    /** A webhook rule any operator could write. */
    static Map<String, Object> alarmRule() {
        return body(
                "name",
                "failures",
                "scope",
                "ALL",
                "events",
                List.of("RUN_FAILED"),
                "channel",
                "WEBHOOK",
                "webhookUrl",
                "http://127.0.0.1:9/hook");
    }

    /** A body, in field order, from alternating names and values. */
    private static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return body;
    }
}
