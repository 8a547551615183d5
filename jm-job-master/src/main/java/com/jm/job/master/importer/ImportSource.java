package com.jm.job.master.importer;

import java.util.Set;
import java.util.function.Function;
import org.springframework.context.ApplicationContext;

/** One kind of database the import command reads, with its options checked. */
interface ImportSource {

    /**
     * Connects and reads the source.
     *
     * @throws RefusedSourceException when it cannot be read
     */
    Reading read(SourceUrl url, String user, String password);

    /**
     * What was read, and how it is imported into a master.
     *
     * @param summary the line the command prints first: what was read, from where
     * @param dryRun what an import would do; writes nothing
     * @param apply imports, throwing {@link ImportRefusedException} when a row is bad (nothing written)
     */
    record Reading(
            String summary,
            Function<ApplicationContext, ImportPlan> dryRun,
            Function<ApplicationContext, ImportPlan> apply) {}

    /**
     * A kind of source: its name after {@code import}, the options it takes besides the common ones,
     * and how its options are checked (before anything connects).
     *
     * @param valueOptions options that take a value ({@code --name value} or {@code --name=value})
     * @param repeatable those of them that may be given more than once
     * @param flags options without a value
     * @param usage its options, for the usage line
     * @param prepare checks the options, throwing {@link IllegalArgumentException} or {@link
     *     java.time.DateTimeException} with the reason
     */
    record Kind(
            String name,
            Set<String> valueOptions,
            Set<String> repeatable,
            Set<String> flags,
            String usage,
            Function<ImportArguments, ImportSource> prepare) {}
}
