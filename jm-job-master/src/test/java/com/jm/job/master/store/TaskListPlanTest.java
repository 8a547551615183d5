package com.jm.job.master.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.domain.TaskFilter;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.support.MariaDbTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The plan of the task list's page ids at a middle page, for each filter that has an index of its
 * own (sql/V18): the ids are read from that index in order, never sorted. A sort of every match
 * is what made middle pages of 100,000 tasks slow; the data here is smaller but shaped the same
 * (five groups, one in ten disabled, one in seven in error), and filters matching more than half
 * of the table are included, where InnoDB's row estimate is capped at half the table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TaskListPlanTest extends MariaDbTest {

    private static final int TASKS = 20_000;

    @Autowired
    SqlSessionFactory sessions;

    private final List<Long> groupIds = new ArrayList<>();

    @BeforeEach
    void fillTable() {
        clean();
        groupIds.clear();
        for (int g = 0; g < 5; g++) {
            jdbc.update("INSERT INTO jm_group (name) VALUES (?)", "plan-" + g);
            groupIds.add(jdbc.queryForObject("SELECT id FROM jm_group WHERE name = ?", Long.class, "plan-" + g));
        }
        // Numbers from a digits table, not a recursive CTE: its depth is capped per session.
        jdbc.update(
                "INSERT INTO jm_task (name, bean_name, status, disable, group_id, next_fire_time, created_at,"
                        + " updated_at)"
                        + " WITH d (n) AS (SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3"
                        + " UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7"
                        + " UNION ALL SELECT 8 UNION ALL SELECT 9),"
                        + " n (i) AS (SELECT a.n + 10 * b.n + 100 * c.n + 1000 * e.n + 10000 * f.n"
                        + " FROM d a, d b, d c, d e, d f)"
                        + " SELECT CONCAT('job-', i), 'planJob', CASE WHEN i % 7 = 0 THEN 3 WHEN i % 3 = 0 THEN 0 ELSE 1 END,"
                        + " IF(i % 10 = 0, 1, 0), ? + i % 5, NOW(3), NOW(3), NOW(3) FROM n WHERE i < ?",
                groupIds.get(0), TASKS);
        jdbc.execute("ANALYZE TABLE jm_task");
    }

    @Test
    void middlePagesOfEachIndexedFilterReadTheirIndexInOrder() {
        long first = groupIds.get(0);
        long third = groupIds.get(2);
        assertPlan(TaskFilter.of(null, null, null, null), TASKS / 2, "idx_task_list");
        assertPlan(TaskFilter.of(third, null, null, null), TASKS / 10, "idx_task_list_group");
        assertPlan(TaskFilter.of(null, TaskStatus.ERROR, null, null), TASKS / 14, "idx_task_unit_of");
        assertPlan(TaskFilter.of(null, TaskStatus.PENDING, null, null), TASKS / 4, "idx_task_unit_of");
        assertPlan(TaskFilter.of(null, null, true, null), TASKS / 20, "idx_task_list_disabled");
        assertPlan(TaskFilter.of(null, null, false, null), TASKS * 9 / 20, "idx_task_list_disabled");
        assertPlan(TaskFilter.of(first, null, true, null), TASKS / 20, "idx_task_list_group_disabled");
        assertPlan(TaskFilter.of(third, null, false, null), TASKS / 10, "idx_task_list_group_disabled");
    }

    /** EXPLAIN of the mapper's own statement, parameters bound as MyBatis binds them. */
    private void assertPlan(TaskFilter filter, long offset, String index) {
        MappedStatement statement =
                sessions.getConfiguration().getMappedStatement("com.jm.job.master.store.TaskMapper.list");
        Map<String, Object> params = new HashMap<>();
        params.put("f", filter);
        params.put("offset", offset);
        params.put("limit", 20);
        params.put("oldestFirst", false);
        BoundSql sql = statement.getBoundSql(params);
        List<Map<String, Object>> plan = jdbc.query(
                "EXPLAIN " + sql.getSql(),
                ps -> new DefaultParameterHandler(statement, params, sql).setParameters(ps),
                (rs, n) -> Map.of(
                        "select_type", rs.getString("select_type"),
                        "key", String.valueOf(rs.getString("key")),
                        "Extra", String.valueOf(rs.getString("Extra"))));
        Map<String, Object> pageIds = plan.stream()
                .filter(row -> "DERIVED".equals(row.get("select_type")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no derived table in " + plan));
        assertThat(pageIds.get("key")).as("index of %s in %s", filter, plan).isEqualTo(index);
        assertThat((String) pageIds.get("Extra")).as("%s in %s", filter, plan).doesNotContain("filesort");
    }
}
