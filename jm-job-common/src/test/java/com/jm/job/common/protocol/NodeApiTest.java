package com.jm.job.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeApiTest {

    @Test
    void truncateLeavesShortMessagesAndNullAlone() {
        assertThat(NodeApi.truncate(null, 10)).isNull();
        assertThat(NodeApi.truncate("", 10)).isEmpty();
        assertThat(NodeApi.truncate("exactly10!", 10)).isEqualTo("exactly10!");
    }

    @Test
    void truncateCutsToTheLimitAndMarksTheCut() {
        assertThat(NodeApi.truncate("x".repeat(2500), NodeApi.MAX_MESSAGE_LENGTH))
                .hasSize(NodeApi.MAX_MESSAGE_LENGTH)
                .startsWith("xxx")
                .endsWith("…");
        assertThat(NodeApi.truncate("abcdef", 4)).isEqualTo("abc…");
        assertThat(NodeApi.truncate("abcdef", 1)).isEqualTo("…");
    }

    @Test
    void truncateNeverSplitsASurrogatePair() {
        // "a" then 3 rockets (2 UTF-16 units each): a cut after 4 units would keep half a rocket.
        String cut = NodeApi.truncate("a🚀🚀🚀", 5);

        assertThat(cut).isEqualTo("a🚀…");
        // A lone surrogate shows up among the code points as one in the surrogate range.
        assertThat(cut.codePoints()).noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    @Test
    void truncateRefusesALimitBelowOne() {
        assertThatThrownBy(() -> NodeApi.truncate("abc", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
