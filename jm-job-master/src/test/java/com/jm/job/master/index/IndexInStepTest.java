package com.jm.job.master.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.lease.LeaseRecovery;
import com.jm.job.master.schedule.CronFiring;
import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.RedisCli;
import com.jm.job.master.support.TestRedis;
import com.jm.job.master.support.TestSecurity;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The Redis index follows every write that changes what is pending, and tolerates entries that no
 * longer match the database. Background loops are off; the test drives them.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class IndexInStepTest extends MariaDbTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    IndexReconciler reconciler;

    @Autowired
    GuardedPendingIndex index;

    @Autowired
    CronFiring cronFiring;

    @Autowired
    ClientResources clientResources;

    @Autowired
    JmJobMasterProperties properties;

    @Autowired
    LeaseRecovery leaseRecovery;

    RedisCli redis;
    String session;
    long groupId;
    long nodeId;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        TestRedis.server().masterProperties().forEach(p -> {
            String[] kv = p.split("=", 2);
            registry.add(kv[0], () -> kv[1]);
        });
        registry.add("jm.job.master.retry-backoff-base", () -> "1h");
        registry.add("jm.job.master.retry-backoff-max", () -> "2h");
    }

    @BeforeEach
    void setUp() throws Exception {
        clean();
        redis = RedisCli.of(TestRedis.server());
        redis.flushDb();
        assertThat(reconciler.reconcile()).isTrue();
        String body = call(NodeApi.REGISTER, "{\"group\":\"g\",\"ip\":\"10.0.0.1\",\"instance\":\"n1\",\"threads\":4}")
                .andReturn()
                .getResponse()
                .getContentAsString();
        nodeId = Long.parseLong(body.replaceAll(".*\"nodeId\":(\\d+).*", "$1"));
        session = body.replaceAll(".*\"sessionToken\":\"([^\"]+)\".*", "$1");
        groupId = Long.parseLong(body.replaceAll(".*\"groupId\":(\\d+).*", "$1"));
    }

    @AfterEach
    void tearDown() {
        redis.close();
    }

    @Test
    void insertDisableEnableRetryAndClaimKeepTheIndexInStep() throws Exception {
        long id = insert("{\"name\":\"a\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}");
        assertThat(queued()).containsExactly(String.valueOf(id));

        call("/api/tasks/" + id + "/disable", "").andExpect(status().isOk());
        assertThat(queued()).isEmpty();
        call("/api/tasks/" + id + "/enable", "").andExpect(status().isOk());
        assertThat(queued()).containsExactly(String.valueOf(id));

        poll(1).andExpect(jsonPath("$.tasks[0].taskId").value(id));
        assertThat(queued()).as("a claim takes its entry out").isEmpty();
        finish(runOf(id), "FAILED");
        assertThat(queued()).as("not pending: no retry configured").isEmpty();

        call("/api/tasks/" + id + "/retry", "").andExpect(status().isOk());
        assertThat(queued()).containsExactly(String.valueOf(id));
    }

    @Test
    void retriesAfterFailureAndLostNodesAndCronSlotsAreQueued() throws Exception {
        long retrying = insert("{\"name\":\"r\",\"beanName\":\"helloJob\",\"groupId\":" + groupId
                + ",\"retry\":true,\"maxRetries\":5}");
        poll(1);
        finish(runOf(retrying), "FAILED");
        assertThat(queued()).containsExactly(String.valueOf(retrying));
        Double score = redis.template().opsForZSet().score(key(), String.valueOf(retrying));
        assertThat(score).as("queued for after the back-off").isGreaterThan(System.currentTimeMillis() + 3_000_000.0);

        jdbc.update("UPDATE jm_task SET next_fire_time = NOW(3) WHERE id = ?", retrying);
        redis.template().opsForZSet().add(key(), String.valueOf(retrying), 0);
        poll(1);
        jdbc.update("UPDATE jm_task SET lease_until = TIMESTAMPADD(SECOND, -1, NOW(3)) WHERE id = ?", retrying);
        assertThat(leaseRecovery.recoverExpired()).isEqualTo(1);
        assertThat(queued()).containsExactly(String.valueOf(retrying));

        long cron = insert(
                "{\"name\":\"c\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + ",\"cron\":\"0 0 0 1 1 *\"}");
        jdbc.update("UPDATE jm_task SET next_fire_time = TIMESTAMPADD(SECOND, -1, NOW(3)) WHERE id = ?", cron);
        assertThat(cronFiring.fireDue()).isEqualTo(1);
        assertThat(queued()).contains(String.valueOf(cron));
    }

    @Test
    void staleEntriesCostAFailedClaimAndAreDropped() throws Exception {
        long live = insert("{\"name\":\"live\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}");
        long disabled = insert("{\"name\":\"off\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}");
        call("/api/tasks/" + disabled + "/disable", "").andExpect(status().isOk());
        // Entries the database does not back: a disabled task and a task that never existed.
        redis.template().opsForZSet().add(key(), String.valueOf(disabled), 0);
        redis.template().opsForZSet().add(key(), "987654321", 0);

        poll(5).andExpect(jsonPath("$.tasks.length()").value(1))
                .andExpect(jsonPath("$.tasks[0].taskId").value(live));
        assertThat(queued()).isEmpty();
    }

    @Test
    void afterAFlushTheReconcilerRebuildsTheIndexFromTheDatabase() throws Exception {
        long id = insert("{\"name\":\"a\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}");
        redis.flushDb();
        assertThat(queued()).isEmpty();

        assertThat(reconciler.reconcile()).isTrue();
        assertThat(queued()).containsExactly(String.valueOf(id));
        mvc.perform(get("/actuator/health")).andExpect(jsonPath("$.status").value("UP"));

        // An operator who edited the table by hand has the index rebuilt at once.
        redis.flushDb();
        call("/api/index/rebuild", "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pending").value(1));
        assertThat(queued()).containsExactly(String.valueOf(id));
    }

    /**
     * A reconnect of the Redis client (here announced on its own event bus, as Lettuce does when a
     * connection breaks) makes the next check rebuild, although the index answered throughout and
     * its marker is there: the server reconnected to may lack the last writes (a failover), which
     * the entry removed here stands for. Without a reconnect a check does not rebuild.
     */
    @Test
    void aReconnectMakesTheNextCheckRebuildTheIndex() throws Exception {
        long id = insert("{\"name\":\"a\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}");
        redis.template().delete(key());
        long rebuilds = reconciler.rebuilds();

        assertThat(reconciler.reconcile()).isTrue();
        assertThat(reconciler.rebuilds()).as("no reconnect, no rebuild").isEqualTo(rebuilds);
        assertThat(queued()).isEmpty();

        long reconnects = index.reconnects();
        clientResources
                .eventBus()
                .publish(new ReconnectAttemptEvent(
                        new InetSocketAddress("127.0.0.1", 50000), new InetSocketAddress("127.0.0.1", 6379), 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> index.reconnects() > reconnects);
        assertThat(reconciler.reconcile()).isTrue();
        assertThat(reconciler.rebuilds()).isEqualTo(rebuilds + 1);
        assertThat(queued()).containsExactly(String.valueOf(id));
        assertThat(reconciler.reconcile()).isTrue();
        assertThat(reconciler.rebuilds()).as("once per reconnect").isEqualTo(rebuilds + 1);
    }

    /**
     * An addition dropped while the index was unavailable, for a task that committed after the
     * rebuild had read the database's pending set: the rebuild ends and marks the index available
     * without it (what a killed Sentinel primary led to, under load). The next check rebuilds
     * because an addition was dropped since the last rebuild began; before, the task waited in the
     * database for the periodic rebuild, as the index was available, built and reconnected alike.
     */
    @Test
    void anAdditionDroppedDuringARebuildMakesTheNextCheckRebuild() throws Exception {
        long rebuilds = reconciler.rebuilds();
        index.markUnavailable(new IllegalStateException("Redis away"));
        long id = insert("{\"name\":\"a\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}");
        // As the rebuild that read the pending set before the insert committed would leave it.
        index.markAvailable();
        assertThat(queued()).isEmpty();

        assertThat(reconciler.reconcile()).isTrue();
        assertThat(reconciler.rebuilds()).isEqualTo(rebuilds + 1);
        assertThat(queued()).containsExactly(String.valueOf(id));
        assertThat(reconciler.reconcile()).isTrue();
        assertThat(reconciler.rebuilds()).as("once per drop").isEqualTo(rebuilds + 1);
    }

    /** Lettuce's own cap (30 s) would keep a master on the database that long after Redis is back. */
    @Test
    void reconnectAttemptsAreNeverFurtherApartThanOneIndexCheck() {
        Delay delay = clientResources.reconnectDelay();
        assertThat(delay.createDelay(1)).isLessThan(delay.createDelay(5));
        assertThat(delay.createDelay(40)).isEqualTo(properties.getIndexCheckInterval());
    }

    private Set<String> queued() {
        return redis.template().opsForZSet().range(key(), 0, -1);
    }

    private String key() {
        return "jmjob:pending:{" + groupId + "}";
    }

    private long insert(String json) throws Exception {
        String body = call("/api/tasks", json)
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*", "$1"));
    }

    private long runOf(long taskId) {
        return jdbc.queryForObject("SELECT run_id FROM jm_task WHERE id = ?", Long.class, taskId);
    }

    private ResultActions poll(int max) throws Exception {
        return call(NodeApi.POLL, "{\"nodeId\":" + nodeId + ",\"maxTasks\":" + max + ",\"waitMillis\":0}")
                .andExpect(status().isOk());
    }

    private void finish(long runId, String result) throws Exception {
        call(
                        NodeApi.FINISH,
                        "{\"nodeId\":" + nodeId + ",\"outcomes\":[{\"runId\":" + runId + ",\"result\":\"" + result
                                + "\",\"message\":\"m\",\"durationMillis\":1}]}")
                .andExpect(status().isOk());
    }

    private ResultActions call(String path, String json) throws Exception {
        MockHttpServletRequestBuilder request =
                post(path).contentType(MediaType.APPLICATION_JSON).content(json);
        if (session != null) {
            request.header(NodeApi.SESSION_HEADER, session);
        }
        return mvc.perform(request);
    }
}
