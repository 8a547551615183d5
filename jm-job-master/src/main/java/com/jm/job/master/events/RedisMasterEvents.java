package com.jm.job.master.events;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Events over Redis pub/sub, so a write on any master wakes the polls held on every master. When
 * Redis cannot be reached the event is delivered locally, and the other masters find the work at
 * their next look (the end of a poll's wait at the latest). Pending work carries its count of tasks
 * ({@link PendingWorkMessage}); a master older than counts reads such a message as malformed and
 * ignores it, so its polls find that work at their next look: upgrade all masters together.
 */
public class RedisMasterEvents implements MasterEvents, MessageListener {

    static final String PENDING_CHANNEL = "jmjob:pending-work";
    static final String NODE_CHANNEL = "jmjob:node-changed";
    static final String GROUP_CHANNEL = "jmjob:group-changed";
    private static final Logger log = LoggerFactory.getLogger(RedisMasterEvents.class);

    private final StringRedisTemplate redis;
    private final LocalMasterEvents local;

    public RedisMasterEvents(StringRedisTemplate redis, LocalMasterEvents local) {
        this.redis = redis;
        this.local = local;
    }

    @Override
    public void pendingWork(long groupId) {
        publish(PENDING_CHANNEL, PendingWorkMessage.unknownCount(groupId).body(), () -> local.pendingWork(groupId));
    }

    @Override
    public void pendingWork(long groupId, int tasks) {
        publish(
                PENDING_CHANNEL,
                new PendingWorkMessage(groupId, tasks).body(),
                () -> local.pendingWork(groupId, tasks));
    }

    @Override
    public void nodeChanged(long nodeId) {
        publish(NODE_CHANNEL, Long.toString(nodeId), () -> local.nodeChanged(nodeId));
    }

    @Override
    public void groupChanged(long groupId) {
        publish(GROUP_CHANNEL, Long.toString(groupId), () -> local.groupChanged(groupId));
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        if (PENDING_CHANNEL.equals(channel)) {
            pendingWorkHeard(body);
            return;
        }
        long id;
        try {
            id = Long.parseLong(body);
        } catch (NumberFormatException e) {
            log.warn("Ignoring a malformed message on {}", channel);
            return;
        }
        if (NODE_CHANNEL.equals(channel)) {
            local.nodeChanged(id);
        } else if (GROUP_CHANNEL.equals(channel)) {
            local.groupChanged(id);
        }
    }

    private void pendingWorkHeard(String body) {
        PendingWorkMessage heard = PendingWorkMessage.parse(body).orElse(null);
        if (heard == null) {
            // Some group has work: a spare look for every held poll beats one left waiting.
            log.warn("A malformed message on {}: every held poll looks again", PENDING_CHANNEL);
            local.pendingWorkSomewhere();
        } else if (heard.counted()) {
            local.pendingWork(heard.groupId(), heard.tasks());
        } else {
            local.pendingWork(heard.groupId());
        }
    }

    private void publish(String channel, String body, Runnable fallback) {
        try {
            redis.convertAndSend(channel, body);
        } catch (RuntimeException e) {
            fallback.run();
        }
    }
}
