package com.jm.job.master.datasource;

import com.jm.job.master.config.JmJobMasterProperties;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

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

    /** The replica pools, held as one bean so they close with the context. */
    record ReplicaPools(List<HikariDataSource> pools) implements AutoCloseable {

        @Override
        public void close() {
            pools.forEach(HikariDataSource::close);
        }
    }
}
