package com.jm.job.master.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Many guessers at once against the whole application on MariaDB: only the free failures are
 * checked, the rest are answered 429 with Retry-After, every checked failure is audited with its
 * client address, nothing is written, and the real user is back within the per-user cap.
 */
@SpringBootTest(
        properties = {
            "jm.job.master.security.login-throttle.free-failures-per-user=3",
            "jm.job.master.security.login-throttle.free-failures-per-address=6",
            "jm.job.master.security.login-throttle.base-delay=200ms",
            "jm.job.master.security.login-throttle.max-delay-per-user=1s",
            "jm.job.master.security.login-throttle.max-delay-per-address=1h"
        })
@AutoConfigureMockMvc
class PasswordGuessingTest extends MariaDbTest {

    private static final int GUESSERS = 40;

    @Autowired
    MockMvc mvc;

    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @BeforeEach
    void setUp() {
        clean();
        jdbc.update("DELETE FROM jm_audit");
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void parallelGuessersAtOneUserGetOnlyTheFreeGuessesAndTheUserIsBackWithinTheCap() throws Exception {
        List<MockHttpServletResponse> answers =
                guess(GUESSERS, i -> createGroup("wrong-" + i, "guess-" + i, "10.7.0." + i));

        Map<Integer, Long> byStatus = countByStatus(answers);
        assertThat(byStatus).containsEntry(401, 3L).containsEntry(429, (long) GUESSERS - 3);
        for (MockHttpServletResponse answer : answers) {
            if (answer.getStatus() == 429) {
                assertThat(answer.getHeader("Retry-After")).isEqualTo("1");
                assertThat(answer.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                assertThat(answer.getContentAsString()).contains("too many failed sign-ins");
            }
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_group", Long.class))
                .isZero();
        List<String> audited = jdbc.queryForList(
                "SELECT detail FROM jm_audit WHERE action = 'SIGN_IN' AND actor = ? AND outcome = 401",
                String.class,
                TestSecurity.OPERATOR);
        assertThat(audited).hasSize(3).allMatch(d -> d.matches("wrong password from 10\\.7\\.0\\.\\d+"));

        // The real user, right password, own address: refused while the user name waits, then back.
        assertThat(createGroup(TestSecurity.OPERATOR_PASSWORD, "mine", "192.0.2.10")
                        .getStatus())
                .isEqualTo(429);
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> createGroup(TestSecurity.OPERATOR_PASSWORD, "mine", "192.0.2.10")
                                .getStatus()
                        == 201);
        Duration lockedOut = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("real user locked out after " + GUESSERS + " parallel guesses: " + lockedOut.toMillis()
                + " ms (cap 1 s)");
        assertThat(lockedOut).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void oneAddressSprayingUserNamesIsStoppedWhileOthersSignIn() throws Exception {
        List<MockHttpServletResponse> answers =
                guess(GUESSERS, i -> send("mallory-" + i, "guess", "g-" + i, "203.0.113.7"));

        assertThat(countByStatus(answers)).containsEntry(401, 6L).containsEntry(429, (long) GUESSERS - 6);
        assertThat(jdbc.queryForList("SELECT detail FROM jm_audit WHERE action = 'SIGN_IN'", String.class))
                .hasSize(6)
                .containsOnly("unknown user from 203.0.113.7");
        assertThat(send(TestSecurity.VIEWER, TestSecurity.VIEWER_PASSWORD, "v", "198.51.100.3")
                        .getStatus())
                .as("a viewer elsewhere signs in (and is refused only for its role)")
                .isEqualTo(403);
    }

    private MockHttpServletResponse createGroup(String password, String name, String address) throws Exception {
        return send(TestSecurity.OPERATOR, password, name, address);
    }

    private MockHttpServletResponse send(String user, String password, String group, String address) throws Exception {
        return mvc.perform(post("/api/groups")
                        .with(httpBasic(user, password))
                        .with(request -> {
                            request.setRemoteAddr(address);
                            return request;
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + group + "\"}"))
                .andReturn()
                .getResponse();
    }

    /** Sends {@code n} calls at once from the pool and collects the answers. */
    private List<MockHttpServletResponse> guess(int n, Guess guess) throws Exception {
        List<Callable<MockHttpServletResponse>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            calls.add(() -> guess.send(index));
        }
        List<MockHttpServletResponse> answers = new ArrayList<>();
        for (Future<MockHttpServletResponse> f : pool.invokeAll(calls)) {
            answers.add(f.get());
        }
        return answers;
    }

    private static Map<Integer, Long> countByStatus(List<MockHttpServletResponse> answers) {
        return answers.stream()
                .collect(Collectors.groupingBy(MockHttpServletResponse::getStatus, Collectors.counting()));
    }

    @FunctionalInterface
    private interface Guess {
        MockHttpServletResponse send(int index) throws Exception;
    }
}
