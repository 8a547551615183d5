package com.jm.job.master.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The sign-in throttle's refusal as a hostile case on every endpoint that takes a login: once a
 * user name is throttled, any password is answered 429 with a problem body and
 * Retry-After, and nothing is written. (The throttle itself: {@code PasswordGuessingTest}.)
 */
@SpringBootTest(
        properties = {
            "jm.job.master.security.login-throttle.free-failures-per-user=1",
            "jm.job.master.security.login-throttle.base-delay=1h",
            "jm.job.master.security.login-throttle.max-delay-per-user=1h",
            "jm.job.master.security.login-throttle.free-failures-per-address=1000"
        })
@AutoConfigureMockMvc
class HostileThrottleTest extends MariaDbTest {

    @Autowired
    MockMvc mvc;

    private RefusalCheck refusals;
    private final HostileTarget target = new HostileTarget(1, 1, 1, 1, 1, "", 1, "", 1);

    @BeforeEach
    void setUp() {
        refusals = new RefusalCheck(mvc, jdbc);
    }

    @TestFactory
    Stream<DynamicTest> aThrottledUserNameIsRefusedWith429() {
        List<Endpoint> withLogin = Endpoints.ALL.stream()
                .filter(e -> e.access() == Endpoint.Access.READ || e.access() == Endpoint.Access.WRITE)
                .toList();
        return withLogin.stream()
                .map(e -> DynamicTest.dynamicTest(e.label(), () -> {
                    String user = "throttled-" + e.label().replaceAll("\\W", "-");
                    mvc.perform(login(e, user, "wrong")).andReturn(); // the one free failure
                    refusals.check(
                            new HostileCase(e.label(), "throttled user name", 429, t -> login(e, user, "wrong")),
                            target);
                    assertThat(mvc.perform(login(e, user, TestSecurity.OPERATOR_PASSWORD))
                                    .andReturn()
                                    .getResponse()
                                    .getHeader("Retry-After"))
                            .isEqualTo("3600");
                }));
    }

    /** The endpoint's valid call signed in as {@code user}; ids need not exist (sign-in comes first). */
    private MockHttpServletRequestBuilder login(Endpoint e, String user, String password) {
        return e.valid(target, e.address().apply(target)).with(httpBasic(user, password));
    }
}
