package com.jm.job.master.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.domain.TaskFilter;
import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.support.Fixtures;
import com.jm.job.master.support.MariaDbTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The task SQL on a real MySQL-protocol server: round trips, filters and conditional updates. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TaskMapperTest extends MariaDbTest {

    @Autowired
    TaskMapper tasks;

    @Autowired
    GroupMapper groups;

    long groupId;

    @BeforeEach
    void setUp() {
        clean();
        groupId = Fixtures.group(groups).getId();
    }

    @Test
    void insertStoresSeedCodesAndRoundTripsHostileNamesByteForByte() {
        String name = "it's; DROP TABLE jm_task; -- 任务 ✓ ${x} #{y} \\ %_";
        TaskRecord task = Fixtures.pendingTask(tasks, groupId, name);

        assertThat(task.getName()).isEqualTo(name);
        assertThat(task.getStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.getNextFireTime()).isNotNull();
        assertThat(jdbc.queryForObject("SELECT status FROM jm_task WHERE id = ?", Integer.class, task.getId()))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT disable FROM jm_task WHERE id = ?", Integer.class, task.getId()))
                .isZero();
    }

    @Test
    void listFiltersAndNamePrefixTakesWildcardsLiterally() {
        TaskRecord a = Fixtures.pendingTask(tasks, groupId, "a_1");
        Fixtures.pendingTask(tasks, groupId, "ab1");
        TaskRecord percent = Fixtures.pendingTask(tasks, groupId, "%x");
        long otherGroup = Fixtures.group(groups).getId();
        Fixtures.pendingTask(tasks, otherGroup, "a_2");
        tasks.setDisabled(a.getId(), true);

        assertThat(names(TaskFilter.of(groupId, null, null, "a_"))).containsExactly("a_1");
        assertThat(names(TaskFilter.of(groupId, null, null, "%"))).containsExactly(percent.getName());
        assertThat(names(TaskFilter.of(null, null, null, "a_"))).containsExactlyInAnyOrder("a_1", "a_2");
        assertThat(names(TaskFilter.of(groupId, null, true, null))).containsExactly("a_1");
        assertThat(names(TaskFilter.of(groupId, TaskStatus.PENDING, false, null)))
                .containsExactly("%x", "ab1"); // newest first
        assertThat(tasks.count(TaskFilter.of(groupId, null, null, null))).isEqualTo(3);
        assertThat(tasks.list(TaskFilter.of(groupId, null, null, null), 1, 1, false))
                .hasSize(1);
        assertThat(tasks.list(TaskFilter.of(groupId, TaskStatus.PENDING, false, null), 0, 5, true).stream()
                        .map(TaskRecord::getName))
                .containsExactly("ab1", "%x"); // oldest first, for pages near the end
    }

    @Test
    void disableMovesTheVersionOnlyWhenTheFlagChanges() {
        TaskRecord task = Fixtures.pendingTask(tasks, groupId, "t");

        tasks.setDisabled(task.getId(), true);
        assertThat(tasks.findById(task.getId()).isDisable()).isTrue();
        tasks.setDisabled(task.getId(), true);
        assertThat(tasks.findById(task.getId()).getVersion()).isEqualTo(1);
        tasks.setDisabled(task.getId(), false);
        assertThat(tasks.findById(task.getId()))
                .extracting(TaskRecord::isDisable, TaskRecord::getVersion)
                .containsExactly(false, 2L);
        assertThat(tasks.setDisabled(999_999L, true)).isZero();
    }

    @Test
    void retryNowRefusesRunningAndDisabledTasks() {
        TaskRecord task = Fixtures.pendingTask(tasks, groupId, "t");
        jdbc.update("UPDATE jm_task SET status = 2 WHERE id = ?", task.getId());
        assertThat(tasks.retryNow(task.getId())).isZero();

        jdbc.update("UPDATE jm_task SET status = 3, attempt = 4 WHERE id = ?", task.getId());
        tasks.setDisabled(task.getId(), true);
        assertThat(tasks.retryNow(task.getId())).isZero();

        tasks.setDisabled(task.getId(), false);
        assertThat(tasks.retryNow(task.getId())).isEqualTo(1);
        TaskRecord retried = tasks.findById(task.getId());
        assertThat(retried.getStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(retried.getAttempt()).isZero();
        assertThat(retried.getPendingCause()).isEqualTo(com.jm.job.master.domain.Trigger.MANUAL);
    }

    @Test
    void updateIsRefusedWhileRunningOrWhenTheVersionMovedOn() {
        TaskRecord task = Fixtures.pendingTask(tasks, groupId, "t");
        task.setName("renamed");

        assertThat(tasks.update(task, 5L)).isZero();
        assertThat(tasks.update(task, 0L)).isEqualTo(1);
        assertThat(tasks.findById(task.getId()).getName()).isEqualTo("renamed");

        jdbc.update("UPDATE jm_task SET status = 2 WHERE id = ?", task.getId());
        task.setName("again");
        assertThat(tasks.update(task, null)).isZero();
        assertThat(tasks.findById(task.getId()).getName()).isEqualTo("renamed");
    }

    @Test
    void countsByStatus() {
        Fixtures.pendingTask(tasks, groupId, "a");
        TaskRecord b = Fixtures.pendingTask(tasks, groupId, "b");
        jdbc.update("UPDATE jm_task SET status = 3 WHERE id = ?", b.getId());
        tasks.setDisabled(b.getId(), true);

        assertThat(tasks.countByStatus(groupId))
                .extracting(StatusCount::getStatus, StatusCount::getCount)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(TaskStatus.PENDING, 1L),
                        org.assertj.core.groups.Tuple.tuple(TaskStatus.ERROR, 1L));
        assertThat(tasks.countDisabled(groupId)).isEqualTo(1);
    }

    private List<String> names(TaskFilter filter) {
        return tasks.list(filter, 0, 50, false).stream()
                .map(TaskRecord::getName)
                .toList();
    }
}
