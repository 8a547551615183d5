package com.jm.job.master.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Counted wake-ups per group: one group's work wakes none of another's polls. */
class PendingSignalsTest {

    private final PendingSignals signals = new PendingSignals();
    private final List<String> woken = new CopyOnWriteArrayList<>();

    private void leave(long groupId, String name) {
        signals.whenSignalled(groupId, signals.generation(groupId), wake -> woken.add(name + " " + wake));
    }

    @Test
    void aCountedSignalWakesThatManyPollsOfItsGroupOnly() {
        leave(1, "a1");
        leave(1, "b1");
        leave(2, "a2");
        signals.signal(1, 1);
        assertThat(woken).containsExactly("a1 COUNTED");
        signals.passOn(1);
        assertThat(woken).containsExactly("a1 COUNTED", "b1 PASSED");
        signals.passOn(1); // nobody left in group 1
        assertThat(woken).hasSize(2);
    }

    @Test
    void aCountBelowOneIsNoCountAndWakesAll() {
        leave(1, "a");
        leave(1, "b");
        signals.signal(1, 0);
        assertThat(woken).containsExactlyInAnyOrder("a ALL", "b ALL");
    }

    @Test
    void passingOnInAGroupNeverSignalledIsHarmless() {
        signals.passOn(42);
        assertThat(signals.generation(42)).isZero();
    }

    @Test
    void signalAllWakesEveryPollOfEveryGroup() {
        leave(1, "a1");
        leave(2, "a2");
        signals.signalAll();
        assertThat(woken).containsExactlyInAnyOrder("a1 ALL", "a2 ALL");
    }
}
