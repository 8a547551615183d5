package com.jm.job.master.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.MovableClock;
import com.jm.job.master.support.TestSecurity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A console sign-in ends {@code console-session.max-age} after it was made, however active the
 * session has been, on the master's clock; the API's Basic sign-ins are not affected.
 */
@SpringBootTest(properties = "jm.job.master.security.console-session.max-age=12h")
@AutoConfigureMockMvc
@Import(ConsoleSessionAgeTest.Time.class)
class ConsoleSessionAgeTest extends MariaDbTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Time {
        /** Primary: the master's own clock bean is registered before a test's import is read. */
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(Instant.now());
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MovableClock clock;

    @Autowired
    Clock injected;

    @Test
    void anActiveSessionEndsTwelveHoursAfterSignInAndSendsThePageToTheSignInForm() throws Exception {
        assertThat(injected).as("the master runs on the test's clock").isSameAs(clock);
        MockHttpSession session = signIn();

        // Busy all along: a page every two hours, so the idle timeout never ends it.
        for (int hour = 0; hour < 12; hour += 2) {
            mvc.perform(get("/console").session(session)).andExpect(status().isOk());
            clock.advance(Duration.ofHours(2).minusSeconds(hour == 10 ? 1 : 0));
        }
        assertThat(session.isInvalid()).as("one second before the limit").isFalse();
        clock.advance(Duration.ofSeconds(1));

        mvc.perform(get("/console/tasks").session(session))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login?expired"));
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void anHtmxRefreshOnAnEndedSessionIsToldToLoadTheSignInPage() throws Exception {
        MockHttpSession session = signIn();
        clock.advance(Duration.ofHours(12));

        mvc.perform(get("/console").session(session).header("HX-Request", "true"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Redirect", "/console/login?expired"));
    }

    @Test
    void signingInAgainStartsANewTwelveHours() throws Exception {
        clock.advance(Duration.ofHours(12));
        MockHttpSession session = signIn();
        clock.advance(Duration.ofHours(11));

        mvc.perform(get("/console").session(session)).andExpect(status().isOk());
    }

    @Test
    void theApiKeepsNoSessionSoItsSignInsHaveNoAge() throws Exception {
        MockHttpSession session = signIn();
        clock.advance(Duration.ofDays(2));

        mvc.perform(get("/api/tasks").with(httpBasic(TestSecurity.OPERATOR, TestSecurity.OPERATOR_PASSWORD)))
                .andExpect(status().isOk());
        // The console session's cookie does not sign in to the API, old or not.
        mvc.perform(get("/api/tasks").session(session)).andExpect(status().isUnauthorized());
    }

    private MockHttpSession signIn() throws Exception {
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/console/login")
                        .user(TestSecurity.OPERATOR)
                        .password(TestSecurity.OPERATOR_PASSWORD))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console"))
                .andReturn()
                .getRequest()
                .getSession(false);
        assertThat(session).isNotNull();
        return session;
    }
}
