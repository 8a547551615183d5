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
 * their next look (the end of a poll's wait at the latest).
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
        publish(PENDING_CHANNEL, groupId, () -> local.pendingWork(groupId));
    }

    @Override
    public void nodeChanged(long nodeId) {
        publish(NODE_CHANNEL, nodeId, () -> local.nodeChanged(nodeId));
    }

    @Override
    public void groupChanged(long groupId) {
        publish(GROUP_CHANNEL, groupId, () -> local.groupChanged(groupId));
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
        long id;
        try {
            id = Long.parseLong(new String(message.getBody(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            log.warn("Ignoring a malformed message on {}", channel);
            return;
        }
        if (PENDING_CHANNEL.equals(channel)) {
            local.pendingWork(id);
        } else if (NODE_CHANNEL.equals(channel)) {
            local.nodeChanged(id);
        } else if (GROUP_CHANNEL.equals(channel)) {
            local.groupChanged(id);
        }
    }

    private void publish(String channel, long id, Runnable fallback) {
        try {
            redis.convertAndSend(channel, Long.toString(id));
        } catch (RuntimeException e) {
            fallback.run();
        }
    }
}
