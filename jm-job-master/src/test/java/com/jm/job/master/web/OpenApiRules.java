package com.jm.job.master.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * What every operation of the OpenAPI document must have to be the API's reference, checked on the
 * document as JSON. Each problem is one line naming the operation and what it lacks.
 */
final class OpenApiRules {

    private static final Set<String> TAGS =
            Set.of("groups", "tasks", "cron", "runs", "nodes", "audit", "index", "alarms", "node protocol");

    private final JsonNode doc;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> operationIds = new HashSet<>();

    private OpenApiRules(JsonNode doc) {
        this.doc = doc;
    }

    static List<String> check(JsonNode doc) {
        OpenApiRules rules = new OpenApiRules(doc);
        rules.checkDocument();
        doc.path("paths").properties().forEach(path -> path.getValue()
                .properties()
                .forEach(op -> rules.checkOperation(path.getKey(), op.getKey(), op.getValue())));
        return rules.problems;
    }

    /** Every (METHOD path) the document lists, such as {@code POST /api/tasks}. */
    static Set<String> operations(JsonNode doc) {
        Set<String> ops = new TreeSet<>();
        doc.path("paths").properties().forEach(path -> path.getValue()
                .propertyNames()
                .forEach(method -> ops.add(method.toUpperCase() + " " + path.getKey())));
        return ops;
    }

    private void checkDocument() {
        JsonNode schemes = doc.path("components").path("securitySchemes");
        expect(schemes.path("basicAuth").path("scheme").asString("").equals("basic"), "no basicAuth scheme");
        expect(schemes.path("bearerAuth").path("scheme").asString("").equals("bearer"), "no bearerAuth scheme");
        expect(
                schemes.path("nodeToken").path("name").asString("").equals("X-JmJob-Node-Token"),
                "no nodeToken header scheme");
        expect(
                schemes.path("nodeSession").path("name").asString("").equals("X-JmJob-Node-Session"),
                "no nodeSession header scheme");
        JsonNode problem =
                doc.path("components").path("schemas").path("Problem").path("properties");
        for (String field : List.of("type", "title", "status", "detail", "instance", "errors")) {
            expect(problem.has(field), "the Problem schema has no " + field);
        }
        expect(
                problem.path("errors").path("items").path("$ref").asString("").endsWith("/FieldError"),
                "Problem.errors is not a list of FieldError");
        Set<String> declared = new HashSet<>();
        doc.path("tags").forEach(tag -> {
            declared.add(tag.path("name").asString());
            expect(!blank(tag.path("description")), "tag " + tag.path("name") + " has no description");
        });
        expect(declared.equals(TAGS), "the document's tags are " + declared + ", expected " + TAGS);
    }

    private void checkOperation(String path, String method, JsonNode op) {
        String at = method.toUpperCase() + " " + path + ": ";
        boolean node = path.startsWith("/node-api/");
        expect(!blank(op.path("summary")), at + "no summary");
        expect(!blank(op.path("description")), at + "no description");
        String id = op.path("operationId").asString("");
        expect(id.matches("[a-z][A-Za-z0-9]*"), at + "operationId '" + id + "' is not a plain lowerCamel name");
        expect(operationIds.add(id), at + "operationId '" + id + "' is used twice");
        expect(op.path("tags").size() == 1, at + "has " + op.path("tags").size() + " tags, not one");
        op.path("tags").forEach(tag -> expect(TAGS.contains(tag.asString()), at + "unknown tag " + tag));

        boolean pathParams = false;
        boolean params = false;
        for (JsonNode p : op.path("parameters")) {
            params = true;
            pathParams |= p.path("in").asString("").equals("path");
            String name = p.path("name").asString();
            expect(!blank(p.path("description")), at + "parameter " + name + " has no description");
            expect(p.has("example") || p.path("schema").has("example"), at + "parameter " + name + " has no example");
        }
        JsonNode body = op.path("requestBody");
        boolean hasBody = !body.isMissingNode();
        if (hasBody) {
            expect(body.path("content").has("application/json"), at + "the body is not application/json");
            expect(body.path("content").path("application/json").has("example"), at + "the body has no example");
        }
        JsonNode responses = op.path("responses");
        boolean success = false;
        for (Map.Entry<String, JsonNode> response : responses.properties()) {
            int status = Integer.parseInt(response.getKey());
            expect(!blank(response.getValue().path("description")), at + status + " has no description");
            if (status < 300) {
                success = true;
                response.getValue()
                        .path("content")
                        .properties()
                        .forEach(media -> expect(
                                media.getValue().has("example"),
                                at + status + " " + media.getKey() + " has no example"));
            } else {
                checkProblem(at + status, status, response.getValue());
            }
        }
        expect(success, at + "no success answer");
        List<Integer> required = new ArrayList<>(List.of(401, 500, 503));
        if (hasBody || params) {
            required.add(400);
        }
        if (hasBody) {
            required.addAll(List.of(413, 415));
        }
        if (!node && (!method.equals("get") || path.startsWith("/api/audit"))) {
            required.add(403);
        }
        boolean session = node && !path.endsWith("/register");
        if (pathParams || session) {
            required.add(404);
        }
        for (int status : required) {
            expect(responses.has(String.valueOf(status)), at + "does not document its " + status + " answer");
        }
        checkSecurity(at, op.path("security"), node, session);
    }

    private void checkProblem(String at, int status, JsonNode response) {
        JsonNode content = response.path("content");
        expect(
                content.size() == 1 && content.has("application/problem+json"),
                at + " is not (only) application/problem+json");
        JsonNode media = content.path("application/problem+json");
        expect(
                media.path("schema").path("$ref").asString("").endsWith("/Problem"),
                at + " does not use the Problem schema");
        expect(media.path("example").path("status").asInt() == status, at + " has no example with its status");
        if (status == 400) {
            expect(media.path("example").path("errors").size() > 0, at + " example lists no errors");
        }
    }

    private void checkSecurity(String at, JsonNode security, boolean node, boolean session) {
        Set<Set<String>> alternatives = new HashSet<>();
        security.forEach(requirement -> alternatives.add(new HashSet<>(requirement.propertyNames())));
        Set<Set<String>> expected = node
                ? Set.of(session ? Set.of("nodeToken", "nodeSession") : Set.of("nodeToken"))
                : Set.of(Set.of("basicAuth"), Set.of("bearerAuth"));
        expect(alternatives.equals(expected), at + "security is " + alternatives + ", expected " + expected);
    }

    private void expect(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static boolean blank(JsonNode text) {
        return !text.isString() || text.asString().isBlank();
    }
}
