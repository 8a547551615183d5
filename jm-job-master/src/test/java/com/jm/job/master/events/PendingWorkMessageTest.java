package com.jm.job.master.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pending-work messages: counted, bare (older masters), and damaged ones, which never throw. */
class PendingWorkMessageTest {

    @Test
    void aCountedMessageReadsBackAsWritten() {
        PendingWorkMessage message = new PendingWorkMessage(12, 500);
        assertThat(message.body()).isEqualTo("12:500");
        assertThat(PendingWorkMessage.parse("12:500")).contains(message);
    }

    @Test
    void aBareGroupIdIsAnUnknownCount() {
        assertThat(PendingWorkMessage.unknownCount(12).body()).isEqualTo("12");
        Optional<PendingWorkMessage> heard = PendingWorkMessage.parse("12");
        assertThat(heard).contains(PendingWorkMessage.unknownCount(12));
        assertThat(heard.orElseThrow().counted()).isFalse();
    }

    @Test
    void aCountThatCannotBeReadIsAnUnknownCountForTheGroup() {
        for (String body : new String[] {"12:", "12:x", "12:0", "12:-3", "12:1.5", "12:5:7", "12:99999999999"}) {
            assertThat(PendingWorkMessage.parse(body)).as(body).contains(PendingWorkMessage.unknownCount(12));
        }
    }

    @Test
    void aGroupThatCannotBeReadIsNoMessage() {
        for (String body : new String[] {"", ":5", "x:5", "twelve", " ", "12.0"}) {
            assertThat(PendingWorkMessage.parse(body)).as(body).isEmpty();
        }
        assertThat(PendingWorkMessage.parse(null)).isEmpty();
    }

    @Test
    void spacesAroundTheNumbersAreTolerated() {
        assertThat(PendingWorkMessage.parse(" 12 : 3 ")).contains(new PendingWorkMessage(12, 3));
    }

    @Test
    void anUnknownCountIsWrittenBare() {
        assertThat(new PendingWorkMessage(12, 0).body()).isEqualTo("12");
        assertThat(new PendingWorkMessage(12, -1).body()).isEqualTo("12");
    }
}
