package com.jm.job.master.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.jm.job.common.protocol.NodeApi;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The credentials of the test configuration (config/application.yml), and MockMvc defaults that
 * send them: tests about behaviour act as the operator with the node token; tests about security
 * send their own headers on a MockMvc without these defaults.
 */
public final class TestSecurity {

    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator-pass";
    public static final String VIEWER = "viewer";
    public static final String VIEWER_PASSWORD = "viewer-pass";
    public static final String NODE_TOKEN = "test-node-token-0123456789abcdef-0123";

    private TestSecurity() {}

    /** Import into a MockMvc test to act as the operator and as a holder of the node token. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class ActAsOperator {

        @Bean
        MockMvcBuilderCustomizer operatorAndNodeToken() {
            return builder -> builder.defaultRequest(
                    get("/").with(httpBasic(OPERATOR, OPERATOR_PASSWORD)).header(NodeApi.TOKEN_HEADER, NODE_TOKEN));
        }
    }
}
