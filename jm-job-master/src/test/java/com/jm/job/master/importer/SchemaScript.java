package com.jm.job.master.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.JdbcTemplate;

/** Runs a source's DDL from the test resources: statements end with ';' at a line's end, '--' starts a comment line. */
final class SchemaScript {

    private SchemaScript() {}

    /** @param edit what each statement becomes before it runs (a table prefix, say) */
    static void run(JdbcTemplate jdbc, String resource, UnaryOperator<String> edit) {
        for (String statement : read(resource).split(";\\s*\\n")) {
            String sql = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
            if (!sql.isBlank()) {
                jdbc.execute(edit.apply(sql));
            }
        }
    }

    private static String read(String resource) {
        try (InputStream in = SchemaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
