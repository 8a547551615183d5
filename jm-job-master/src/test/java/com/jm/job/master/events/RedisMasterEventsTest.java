package com.jm.job.master.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.master.support.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.DefaultMessage;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Pending work over Redis pub/sub, on a real Redis: a counted message wakes that many held polls
 * on the master that hears it, a bare one (an older master's) wakes all, a damaged one wakes all
 * and throws nothing.
 */
class RedisMasterEventsTest {

    private final PendingSignals signals = new PendingSignals();
    private final List<String> woken = new CopyOnWriteArrayList<>();
    /** Far from the ids other test runs on the same Redis publish, since channels ignore databases. */
    private final long group = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);

    private LettuceConnectionFactory factory;
    private RedisMasterEvents events;

    @BeforeEach
    void connect() {
        TestRedis.Server server = TestRedis.server();
        RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(server.host(), server.port());
        config.setDatabase(server.database());
        factory = new LettuceConnectionFactory(config);
        factory.afterPropertiesSet();
        factory.start();
        events = new RedisMasterEvents(new StringRedisTemplate(factory), new LocalMasterEvents(signals, List.of()));
    }

    @AfterEach
    void disconnect() {
        factory.destroy();
    }

    private void leavePolls(long groupId, int count) {
        for (int i = 0; i < count; i++) {
            String name = groupId + "/" + i;
            signals.whenSignalled(groupId, signals.generation(groupId), wake -> woken.add(name + " " + wake));
        }
    }

    private void hear(String channel, String body) {
        events.onMessage(
                new DefaultMessage(channel.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)),
                null);
    }

    @Test
    void aCountedMessageFromAnotherMasterWakesThatManyPollsHere() throws Exception {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(factory);
        container.addMessageListener(events, new ChannelTopic(RedisMasterEvents.PENDING_CHANNEL));
        container.afterPropertiesSet();
        container.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(container::isListening);
            leavePolls(group, 5);
            events.pendingWork(group, 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> woken.size() >= 2);
            assertThat(woken).containsExactly(group + "/0 COUNTED", group + "/1 COUNTED");
            // A bare message after it: the rest, all at once; the count did not linger.
            events.pendingWork(group);
            await().atMost(Duration.ofSeconds(10)).until(() -> woken.size() >= 5);
            assertThat(woken).hasSize(5).endsWith(group + "/2 ALL", group + "/3 ALL", group + "/4 ALL");
        } finally {
            container.stop();
            container.destroy();
        }
    }

    @Test
    void aBareGroupIdFromAnOlderMasterWakesEveryPollOfTheGroup() {
        leavePolls(group, 3);
        leavePolls(group + 1, 1);
        hear(RedisMasterEvents.PENDING_CHANNEL, Long.toString(group));
        assertThat(woken).containsExactly(group + "/0 ALL", group + "/1 ALL", group + "/2 ALL");
    }

    @Test
    void aCountedMessageWakesNoMorePollsThanWait() {
        leavePolls(group, 2);
        hear(RedisMasterEvents.PENDING_CHANNEL, group + ":500");
        assertThat(woken).containsExactly(group + "/0 COUNTED", group + "/1 COUNTED");
    }

    @Test
    void anUnreadableCountWakesEveryPollOfTheGroup() {
        leavePolls(group, 2);
        hear(RedisMasterEvents.PENDING_CHANNEL, group + ":lots");
        assertThat(woken).containsExactly(group + "/0 ALL", group + "/1 ALL");
    }

    @Test
    void anUnreadableGroupWakesEveryPollOfEveryGroup() {
        leavePolls(group, 1);
        leavePolls(group + 1, 1);
        hear(RedisMasterEvents.PENDING_CHANNEL, "garbage:1");
        hear(RedisMasterEvents.PENDING_CHANNEL, "");
        assertThat(woken).containsExactlyInAnyOrder(group + "/0 ALL", (group + 1) + "/0 ALL");
    }

    @Test
    void aDamagedNodeMessageIsIgnoredAndWakesNobody() {
        leavePolls(group, 1);
        hear(RedisMasterEvents.NODE_CHANNEL, "not-a-node");
        hear(RedisMasterEvents.GROUP_CHANNEL, group + ":1");
        assertThat(woken).isEmpty();
    }
}
