package com.jm.job.master.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuartzHandlersTest {

    @Test
    void byDefaultAClassRunsOnTheBeanNameSpringGivesAComponentOfIt() {
        QuartzHandlers handlers = QuartzHandlers.of(List.of(), null, false);

        assertThat(handlers.handler("com.acme.NightlyReportJob").beanName()).isEqualTo("nightlyReportJob");
        assertThat(handlers.handler("com.acme.URLCheckJob").beanName()).isEqualTo("URLCheckJob");
        assertThat(handlers.handler("com.acme.Jobs$Cleanup").beanName()).isEqualTo("jobs.Cleanup");
        assertThat(handlers.handler("com.acme.NightlyReportJob").how()).startsWith("by default");
    }

    @Test
    void theMapAndItsFileSayOtherwiseAndTheCommandLineWins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("handlers.properties");
        Files.writeString(file, "# job class = bean\ncom.acme.A=fromFile\ncom.acme.B=fromFileToo\n");

        QuartzHandlers handlers = QuartzHandlers.of(List.of("com.acme.B=fromLine"), file.toString(), false);

        assertThat(handlers.handler("com.acme.A").beanName()).isEqualTo("fromFile");
        assertThat(handlers.handler("com.acme.B").beanName()).isEqualTo("fromLine");
        assertThat(handlers.handler("com.acme.C").beanName()).isEqualTo("c");
    }

    @Test
    void aRequiredMapMakesAnUnmappedClassARefusalAndBadEntriesAreRefused() {
        QuartzHandlers required = QuartzHandlers.of(List.of("com.acme.A=a"), null, true);

        assertThatThrownBy(() -> required.handler("com.acme.B"))
                .hasMessageContaining("its job class com.acme.B is not in the handler map");
        assertThatThrownBy(() -> QuartzHandlers.of(List.of("com.acme.A"), null, false))
                .hasMessageContaining("is not CLASS=BEAN");
        assertThatThrownBy(() -> QuartzHandlers.of(List.of("com.acme.A=not a bean"), null, false))
                .hasMessageContaining("'not a bean' is not a handler name jm-job takes");
        assertThatThrownBy(() -> QuartzHandlers.of(List.of(), "/no/such/file", false))
                .hasMessageContaining("--handler-map-file /no/such/file cannot be read");
        assertThatThrownBy(() -> QuartzHandlers.of(List.of(), null, true))
                .hasMessageContaining("--require-handler-map needs a --handler-map");
    }
}
