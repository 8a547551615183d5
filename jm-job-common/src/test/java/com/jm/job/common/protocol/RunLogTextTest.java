package com.jm.job.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RunLogTextTest {

    @Test
    void controlCharactersNulAndMarkupAreKeptAsData() {
        String hostile = "a\u0000b\u0007c\u001b[31mred\u001b[0m\r\n\t<script>alert(1)</script>\u202Eevil";
        assertThat(RunLogText.clean(hostile)).isEqualTo(hostile);
    }

    @Test
    void loneSurrogatesBecomeTheReplacementCharacterAndPairsStay() {
        assertThat(RunLogText.clean("x\uD800y")).isEqualTo("x\uFFFDy");
        assertThat(RunLogText.clean("\uDC00")).isEqualTo("\uFFFD");
        assertThat(RunLogText.clean("end\uD83D")).isEqualTo("end\uFFFD");
        assertThat(RunLogText.clean("🚀\uD800🚀")).isEqualTo("🚀\uFFFD🚀");
    }

    @Test
    void longLinesAreCutAtTheDocumentedLengthAndNullIsEmpty() {
        String cut = RunLogText.clean("x".repeat(100_000));
        assertThat(cut).hasSize(NodeApi.MAX_LOG_LINE_LENGTH).endsWith("…");
        assertThat(RunLogText.clean(null)).isEmpty();
    }

    @Test
    void utf8LengthCountsWhatTheEncoderWrites() {
        for (String text : new String[] {"", "abc", "é", "名前", "🚀x", "a\u0000b"}) {
            assertThat(RunLogText.utf8Length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
