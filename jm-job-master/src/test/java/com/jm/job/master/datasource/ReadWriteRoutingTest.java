package com.jm.job.master.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.ReplicaPair;
import com.jm.job.master.support.TestSecurity;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read/write split on a real MariaDB primary/replica pair: read-only work lands on the replica
 * (server id 2), writes on the primary (server id 1), API reads are served by the replica, and
 * reads survive the replica stopping. The replica is read through a user with DML grants only, so
 * it could not take a write even by mistake.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadWriteRoutingTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void pair(DynamicPropertyRegistry registry) {
        ReplicaPair.ensureRunning();
        registry.add("spring.datasource.url", () -> ReplicaPair.url(ReplicaPair.primaryPort()));
        registry.add("spring.datasource.username", () -> "root");
        registry.add("spring.datasource.password", () -> "");
        registry.add("jm.job.master.replicas[0].url", () -> ReplicaPair.url(ReplicaPair.replicaPort()));
        registry.add("jm.job.master.replicas[0].username", ReplicaPair::appUser);
        registry.add("jm.job.master.replicas[0].password", ReplicaPair::appPassword);
    }

    @Test
    @Order(1)
    void readOnlyTransactionsUseTheReplicaAndWritesThePrimary() {
        assertThat(serverId(true)).isEqualTo(2);
        assertThat(serverId(false)).isEqualTo(1);
        assertThat(readOnly(true)).as("the replica runs read-only").isTrue();
    }

    @Test
    @Order(2)
    void apiReadsAreServedByTheReplica() throws Exception {
        String name = "lagging-" + UUID.randomUUID();
        // Hold the replica back so a read that shows the new group can only have come from the primary.
        ReplicaPair.execAsRoot(ReplicaPair.replicaPort(), "STOP SLAVE SQL_THREAD");
        try {
            mvc.perform(post("/api/groups")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"name\":\"" + name + "\"}"))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.name").value(name));
            mvc.perform(get("/api/groups").param("size", "200"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.items[*].name", not(hasItem(name))));
        } finally {
            ReplicaPair.execAsRoot(ReplicaPair.replicaPort(), "START SLAVE SQL_THREAD");
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> mvc.perform(get("/api/groups").param("size", "200"))
                        .andExpect(jsonPath("$.items[*].name", hasItem(name))));
    }

    @Test
    @Order(3)
    void readsFallBackToThePrimaryWhenTheReplicaStops() throws Exception {
        String name = "survivor-" + UUID.randomUUID();
        mvc.perform(post("/api/groups").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\"}"))
                .andExpect(status().isCreated());
        ReplicaPair.execAsRoot(ReplicaPair.replicaPort(), "SHUTDOWN");
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        !com.jm.job.master.support.TestDatabases.reachable("127.0.0.1", ReplicaPair.replicaPort()));

        mvc.perform(get("/api/groups").param("size", "200"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].name", hasItem(name)));
        assertThat(serverId(true)).as("read-only work now runs on the primary").isEqualTo(1);
    }

    private int serverId(boolean readOnly) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setReadOnly(readOnly);
        return template.execute(tx -> new JdbcTemplate(dataSource).queryForObject("SELECT @@server_id", Integer.class));
    }

    private boolean readOnly(boolean readOnlyTransaction) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setReadOnly(readOnlyTransaction);
        return template.execute(
                tx -> new JdbcTemplate(dataSource).queryForObject("SELECT @@read_only", Integer.class) == 1);
    }
}
