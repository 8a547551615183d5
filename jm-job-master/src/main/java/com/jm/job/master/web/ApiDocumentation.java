package com.jm.job.master.web;

import com.jm.job.common.protocol.NodeApi;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The parts of the OpenAPI document no single controller owns: title, server, tags and security
 * schemes. {@link OperationDocumenter} adds the problem schema ({@link #problem()}) and applies the
 * rules every operation shares (its error answers, its security, its examples), so that a controller
 * only adds what is particular to it: a tag, operationId, summary and description, parameter
 * descriptions and examples, and the answers only it gives (201, 204, 409, ...). Record fields carry
 * a description and an example, from which the request and response examples are composed.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String GROUPS = "groups";
    static final String TASKS = "tasks";
    static final String CRON = "cron";
    static final String RUNS = "runs";
    static final String NODES = "nodes";
    static final String AUDIT = "audit";
    static final String INDEX = "index";
    static final String ALARMS = "alarms";
    static final String NODE_PROTOCOL = "node protocol";

    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";
    static final String NODE_TOKEN = "nodeToken";
    static final String NODE_SESSION = "nodeSession";

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";

    @Bean
    OpenAPI jmJobOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("jm-job master API")
                        .version("v1")
                        .description("Operators manage groups, tasks and nodes under /api (HTTP Basic or a bearer"
                                + " token; VIEWER reads, OPERATOR also writes). Nodes pull work under "
                                + NodeApi.PREFIX + " with the node token and, after registering, their"
                                + " session. Every error is an RFC 9457 problem (application/problem+json)."))
                .servers(List.of(new Server().url("http://localhost:8080").description("the embedded demo")))
                .tags(List.of(
                        tag(GROUPS, "A group holds tasks and the nodes that run them."),
                        tag(TASKS, "Register, change, disable, enable and retry tasks."),
                        tag(CRON, "What a cron expression means in a flavour and zone, before it is saved."),
                        tag(RUNS, "Each execution of a task, newest first."),
                        tag(NODES, "Nodes as operators see them; nodes register themselves."),
                        tag(AUDIT, "Every write, who made it and how it was answered (OPERATOR only)."),
                        tag(INDEX, "The pending-task index the dispatcher reads."),
                        tag(ALARMS, "Rules that tell people about failures by webhook or mail, and their deliveries."),
                        tag(NODE_PROTOCOL, "What nodes call: register, poll, heartbeat, finish, logs, deregister.")))
                .components(new Components()
                        .addSecuritySchemes(
                                BASIC,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("an operator or viewer account"))
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("a token from jm.job.master.security.tokens"))
                        .addSecuritySchemes(
                                NODE_TOKEN,
                                header(
                                        NodeApi.TOKEN_HEADER,
                                        "the node token every node presents (jm.job.client.token)"))
                        .addSecuritySchemes(
                                NODE_SESSION,
                                header(NodeApi.SESSION_HEADER, "the sessionToken a registration returned")));
    }

    @Bean
    OpenApiCustomizer operationDocumenter() {
        return new OperationDocumenter();
    }

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }

    private static SecurityScheme header(String name, String description) {
        return new SecurityScheme()
                .type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER)
                .name(name)
                .description(description);
    }

    static Schema<?> fieldError() {
        return new ObjectSchema()
                .description("one rejected field or parameter")
                .addProperty("field", new StringSchema().description("its name").example("groupId"))
                .addProperty(
                        "message",
                        new StringSchema()
                                .description("what is wrong, to act on")
                                .example("groupId must not be null"))
                .required(List.of("field", "message"));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema<?> problem() {
        Schema errors = new ArraySchema()
                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR))
                .description("400 answers to invalid input only: each rejected field with its message");
        return new ObjectSchema()
                .description("An RFC 9457 problem: the error answer of every endpoint")
                .addProperty(
                        "type",
                        new StringSchema().description("problem type URI").example("about:blank"))
                .addProperty(
                        "title",
                        new StringSchema()
                                .description("short summary of the status")
                                .example("Not Found"))
                .addProperty(
                        "status",
                        new IntegerSchema().description("the HTTP status").example(404))
                .addProperty(
                        "detail",
                        new StringSchema()
                                .description("what went wrong, to act on")
                                .example("no task with id 42"))
                .addProperty(
                        "instance",
                        new StringSchema().description("the request path").example("/api/tasks/42"))
                .addProperty("errors", errors)
                .required(List.of("title", "status", "detail"));
    }
}
