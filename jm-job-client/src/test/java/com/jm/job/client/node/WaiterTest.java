package com.jm.job.client.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaiterTest {

    private final Waiter waiter = new Waiter();

    @Test
    void aWakeUpEndsTheWaitEarly() throws InterruptedException {
        Thread waker = new Thread(waiter::wake);
        waker.start();

        assertThat(waiter.await(Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void aWakeUpBeforeTheWaitIsKeptForIt() throws InterruptedException {
        waiter.wake();

        assertThat(waiter.await(Duration.ofMinutes(1))).isTrue();
        assertThat(waiter.await(Duration.ofMillis(20))).isFalse();
    }
}
