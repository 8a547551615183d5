package com.jm.job.master.datasource;

import com.jm.job.master.config.JmJobMasterProperties;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.support.SQLErrorCodesFactory;

/**
 * The read/write split. The one {@link DataSource} the application sees is a
 * {@link LazyConnectionDataSourceProxy}: work in a {@code @Transactional(readOnly = true)} method
 * gets a replica connection, everything else (writes, claims, reads that decide what runs) the
 * primary. Without replicas it is the primary alone.
 */
@Configuration(proxyBeanMethods = false)
class ReadWriteDataSourceConfiguration {

    /** The primary pool, from {@code spring.datasource.*} and {@code spring.datasource.hikari.*}. */
    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource primaryPool(DataSourceProperties properties) {
        HikariDataSource pool = properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        pool.setPoolName("jm-job-primary");
        return pool;
    }

    @Bean(destroyMethod = "close")
    ReplicaPools replicaPools(JmJobMasterProperties properties) {
        List<HikariDataSource> pools = new ArrayList<>();
        for (JmJobMasterProperties.Replica replica : properties.getReplicas()) {
            HikariDataSource pool = new HikariDataSource();
            pool.setPoolName("jm-job-replica-" + pools.size());
            pool.setJdbcUrl(replica.getUrl());
            pool.setUsername(replica.getUsername());
            pool.setPassword(replica.getPassword());
            pool.setReadOnly(true);
            pool.setConnectionTimeout(
                    Math.max(250, properties.getReplicaConnectTimeout().toMillis()));
            // A replica that is down at start must not stop the master: reads fall back to the primary.
            pool.setInitializationFailTimeout(-1);
            ConnectionDefaults.apply(pool);
            pools.add(pool);
        }
        return new ReplicaPools(pools);
    }

    @Bean
    @Primary
    DataSource dataSource(
            HikariDataSource primaryPool, ReplicaPools replicaPools, JmJobMasterProperties properties, Clock clock) {
        ConnectionDefaults.apply(primaryPool);
        LazyConnectionDataSourceProxy proxy = new LazyConnectionDataSourceProxy(primaryPool);
        if (!replicaPools.pools().isEmpty()) {
            proxy.setReadOnlyDataSource(new ReplicaFailoverDataSource(
                    List.copyOf(replicaPools.pools()), primaryPool, clock, properties.getReplicaRetryAfter()));
        }
        return proxy;
    }

    /**
     * Spring learns which database it talks to (to translate its error codes) from the first error
     * it translates, with a connection of its own, and remembers only a successful answer. Were that
     * first error "the database is away", every translated error would wait out the pool's
     * connection timeout once more before the request could be answered. Asked once here, at start,
     * while the database is up (Flyway has just used it).
     */
    @Bean
    SmartInitializingSingleton errorCodesResolvedAtStart(DataSource dataSource) {
        return () -> SQLErrorCodesFactory.getInstance().resolveErrorCodes(dataSource);
    }

    /**
     * Health's {@code db}: the primary, asked once. Boot's own contributor would ask every
     * {@link DataSource} bean, the pool and the proxy over it, one after the other, so that health
     * took two connection timeouts to say DOWN while the database is away.
     */
    @Bean
    HealthContributor dbHealthContributor(DataSource dataSource) {
        return new DataSourceHealthIndicator(dataSource);
    }

    /** The replica pools, held as one bean so they close with the context. */
    record ReplicaPools(List<HikariDataSource> pools) implements AutoCloseable {

        @Override
        public void close() {
            pools.forEach(HikariDataSource::close);
        }
    }
}
