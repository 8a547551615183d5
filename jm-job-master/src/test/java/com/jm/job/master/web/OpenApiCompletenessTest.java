package com.jm.job.master.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document is the API's reference: every endpoint the master maps under /api and
 * /node-api is in it, and each has what {@link OpenApiRules} asks (summary, description, one known
 * tag, parameter descriptions and examples, request and response examples, every error answer as a
 * problem, the security of its prefix). An endpoint added without that fails here.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class OpenApiCompletenessTest extends MariaDbTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private JsonNode doc;

    @BeforeEach
    void readDocument() throws Exception {
        doc = JSON.readTree(OpenApiDocumentTest.liveDocument(mvc));
    }

    @Test
    void everyMappedEndpointIsDocumented() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/") || p.startsWith("/node-api/"))
                // A variable's pattern ({id:regex}) narrows the mapping; the document names the variable only.
                .map(p -> p.replaceAll("\\{(\\w+):[^/]*}", "{$1}"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + p))));
        assertThat(mapped).hasSizeGreaterThanOrEqualTo(22);
        assertThat(OpenApiRules.operations(doc)).isEqualTo(mapped);
    }

    @Test
    void everyOperationIsCompletelyDocumented() {
        assertThat(OpenApiRules.check(doc)).isEmpty();
    }

    @Test
    void theRulesCatchAnOperationThatLacksSomething() {
        ObjectNode create = (ObjectNode) doc.path("paths").path("/api/tasks").path("post");
        create.remove("summary");
        ((ObjectNode) create.path("responses")).remove("415");
        ((ObjectNode) create.path("requestBody").path("content").path("application/json")).remove("example");
        ((ObjectNode) doc.path("paths").path("/node-api/v1/register").path("post")).remove("security");

        assertThat(OpenApiRules.check(doc))
                .containsExactlyInAnyOrder(
                        "POST /api/tasks: no summary",
                        "POST /api/tasks: the body has no example",
                        "POST /api/tasks: does not document its 415 answer",
                        "POST /node-api/v1/register: security is [], expected [[nodeToken]]");
    }
}
