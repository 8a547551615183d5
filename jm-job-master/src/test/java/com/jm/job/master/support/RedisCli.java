package com.jm.job.master.support;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Direct Redis access for tests: look at the index the master keeps, or wipe it. */
public final class RedisCli implements AutoCloseable {

    private final LettuceConnectionFactory factory;
    private final StringRedisTemplate template;

    public RedisCli(String host, int port, int database) {
        RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(host, port);
        config.setDatabase(database);
        factory = new LettuceConnectionFactory(config);
        factory.afterPropertiesSet();
        factory.start();
        template = new StringRedisTemplate(factory);
    }

    public static RedisCli of(TestRedis.Server server) {
        return new RedisCli(server.host(), server.port(), server.database());
    }

    static void flushDb(TestRedis.Server server) {
        try (RedisCli cli = of(server)) {
            cli.flushDb();
        }
    }

    public StringRedisTemplate template() {
        return template;
    }

    public void flushDb() {
        template.execute(
                connection -> {
                    connection.serverCommands().flushDb();
                    return null;
                },
                true);
    }

    @Override
    public void close() {
        factory.destroy();
    }
}
