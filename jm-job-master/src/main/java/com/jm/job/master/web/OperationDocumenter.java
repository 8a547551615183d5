package com.jm.job.master.web;

import com.jm.job.common.protocol.NodeApi;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The rules every operation of the document follows, applied after springdoc has read the
 * controllers: the error answers the security filters, the validation and the exception handler
 * really give (all {@code application/problem+json}), the security each path prefix requires (the
 * same rule {@link NodeSessionAdvice} applies: a node-API body that names a {@code nodeId} needs the
 * session too), and request and response examples composed from the schemas' property examples.
 */
class OperationDocumenter implements OpenApiCustomizer {

    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Override
    public void customise(OpenAPI api) {
        // Here rather than in the OpenAPI bean: springdoc drops component schemas nothing refers to yet.
        api.getComponents()
                .addSchemas(ApiDocumentation.FIELD_ERROR, ApiDocumentation.fieldError())
                .addSchemas(ApiDocumentation.PROBLEM, ApiDocumentation.problem());
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> document(api, path, method, operation)));
    }

    private void document(OpenAPI api, String path, PathItem.HttpMethod method, Operation op) {
        boolean node = path.startsWith(NodeApi.PREFIX + "/");
        boolean body = op.getRequestBody() != null;
        boolean pathParams =
                op.getParameters() != null && op.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()));
        boolean params = op.getParameters() != null && !op.getParameters().isEmpty();
        boolean session = node && body && bodyNamesNode(api, op);
        ApiResponses responses = op.getResponses();

        if (node) {
            op.setSecurity(List.of(
                    session
                            ? new SecurityRequirement()
                                    .addList(ApiDocumentation.NODE_TOKEN)
                                    .addList(ApiDocumentation.NODE_SESSION)
                            : new SecurityRequirement().addList(ApiDocumentation.NODE_TOKEN)));
        } else {
            op.setSecurity(List.of(
                    new SecurityRequirement().addList(ApiDocumentation.BASIC),
                    new SecurityRequirement().addList(ApiDocumentation.BEARER)));
        }

        if (body || params) {
            add(
                    responses,
                    400,
                    body
                            ? "The body is not JSON, has an unknown field or breaks a rule; errors lists each field"
                            : "A parameter is not of its type or out of its range; errors names it",
                    body
                            ? "groupId must not be null"
                            : pathParams && !queryParams(op)
                                    ? "id must be a whole number within range, got 'abc'"
                                    : "size must be between 1 and 200");
        }
        add(
                responses,
                401,
                node ? "Missing or wrong node token" : "No credentials, a wrong password or an unknown bearer token",
                node
                        ? "missing or wrong node token in " + NodeApi.TOKEN_HEADER
                                + "; give nodes the master's node token as jm.job.client.token"
                        : "sign in with HTTP Basic or a bearer token");
        if (!node && (method != PathItem.HttpMethod.GET || path.startsWith("/api/audit"))) {
            add(responses, 403, "Signed in without the OPERATOR role", "this needs the OPERATOR role");
        }
        if (pathParams) {
            add(responses, 404, "Nothing has this id", "no " + entity(path) + " with id 42");
        } else if (session) {
            add(
                    responses,
                    404,
                    "Unknown node or a wrong session: the node must register again",
                    "the call does not carry node 7's current session; register again");
        }
        if (body) {
            add(
                    responses,
                    413,
                    "The body is larger than jm.job.master.max-request-size",
                    "the request body is larger than 1048576 bytes");
            add(
                    responses,
                    415,
                    "The body is not sent as application/json",
                    "Content-Type 'text/plain' is not supported.");
        }
        add(
                responses,
                500,
                "The master failed unexpectedly; its log has the cause",
                "the master failed to handle the request; see its log");
        add(
                responses,
                503,
                "The database is busy or unreachable, or the master is shutting down; retry after Retry-After",
                "the database was busy (lock time-out or deadlock) and nothing was changed; retry the request");
        responses
                .get("503")
                .addHeaderObject(
                        HttpHeaders.RETRY_AFTER,
                        new Header()
                                .description("seconds to wait before retrying")
                                .schema(new IntegerSchema().example(1)));

        responses.forEach((code, response) -> {
            int status = Integer.parseInt(code);
            if (status >= 400) {
                problemContent(response, status, path);
            } else if (response.getContent() != null) {
                response.getContent().values().forEach(media -> exampleFor(api, media));
            }
        });
        if (body && op.getRequestBody().getContent() != null) {
            op.getRequestBody().getContent().values().forEach(media -> exampleFor(api, media));
        }
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(responses).forEach(sorted::addApiResponse);
        op.setResponses(sorted);
    }

    /** Adds an error answer unless the controller declared that status itself (then keeps its words). */
    private static void add(ApiResponses responses, int status, String description, String detail) {
        ApiResponse response =
                responses.computeIfAbsent(String.valueOf(status), code -> new ApiResponse().description(description));
        response.addExtension("x-jmjob-example-detail", detail);
    }

    private static void problemContent(ApiResponse response, int status, String path) {
        Object detail = response.getExtensions() == null
                ? null
                : response.getExtensions().remove("x-jmjob-example-detail");
        if (response.getExtensions() != null && response.getExtensions().isEmpty()) {
            response.setExtensions(null);
        }
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put(
                "title",
                status == 400 ? "Invalid request" : HttpStatus.valueOf(status).getReasonPhrase());
        example.put("status", status);
        example.put("detail", detail != null ? detail : response.getDescription());
        example.put("instance", path.replace("{id}", "42"));
        if (status == 400) {
            String text = String.valueOf(example.get("detail"));
            example.put("errors", List.of(Map.of("field", text.substring(0, text.indexOf(' ')), "message", text)));
        }
        response.setContent(new Content()
                .addMediaType(
                        PROBLEM_JSON,
                        new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/" + ApiDocumentation.PROBLEM))
                                .example(example)));
    }

    private static boolean queryParams(Operation op) {
        return op.getParameters().stream().anyMatch(p -> "query".equals(p.getIn()));
    }

    /** "task" for /api/tasks/{id}/..., as the not-found answers name it. */
    private static String entity(String path) {
        String collection = path.split("/")[2];
        return collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
    }

    private static boolean bodyNamesNode(OpenAPI api, Operation op) {
        MediaType media = op.getRequestBody().getContent() == null
                ? null
                : op.getRequestBody().getContent().get(JSON);
        Schema<?> schema = media == null ? null : resolve(api, media.getSchema());
        return schema != null
                && schema.getProperties() != null
                && schema.getProperties().containsKey("nodeId");
    }

    private static void exampleFor(OpenAPI api, MediaType media) {
        if (media.getExample() == null && media.getExamples() == null) {
            media.setExample(Examples.of(api, media.getSchema()));
        }
    }

    static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
        if (schema == null || schema.get$ref() == null) {
            return schema;
        }
        String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
        return api.getComponents().getSchemas().get(name);
    }
}
