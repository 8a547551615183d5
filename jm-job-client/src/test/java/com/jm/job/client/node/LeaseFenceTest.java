package com.jm.job.client.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseFenceTest {

    private final LeaseFence fence = new LeaseFence(Clock.systemUTC(), Duration.ofSeconds(5));

    @Test
    void theMarginFollowsTheShortestLeaseTheMasterNamedSoADeliveryLeaseIsFencedInTime() {
        Instant now = Instant.parse("2026-12-02T00:00:00Z");
        assertThat(fence.deadline(now, 25_000L)).isEqualTo(now.plusSeconds(25));
        assertThat(fence.effectiveMargin()).isEqualTo(Duration.ofSeconds(5));

        fence.deadline(now, 10_000L);
        assertThat(fence.effectiveMargin())
                .as("a delivery lease of 10 s leaves a fifth of it as margin")
                .isEqualTo(Duration.ofSeconds(2));

        fence.deadline(now, 25_000L);
        assertThat(fence.effectiveMargin())
                .as("a full lease named after it does not widen the margin past what the short one allows")
                .isEqualTo(Duration.ofSeconds(2));
    }
}
