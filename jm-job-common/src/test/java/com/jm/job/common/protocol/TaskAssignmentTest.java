package com.jm.job.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskAssignmentTest {

    @Test
    void anOrdinaryRunHasNoShard() {
        TaskAssignment task = new TaskAssignment(1, 10, "t", "bean", "p", 1, 30);

        assertThat(task.shardIndex()).isNull();
        assertThat(task.shardTotal()).isNull();
        assertThat(task.shardParam()).isNull();
        assertThat(task).isEqualTo(new TaskAssignment(1, 10, "t", "bean", "p", 1, 30, null, null, null));
    }
}
