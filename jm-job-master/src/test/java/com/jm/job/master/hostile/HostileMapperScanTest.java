package com.jm.job.master.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No SQL is built by text substitution: MyBatis {@code ${}} pastes a value into the statement, so
 * every mapper XML and every SQL annotation must bind with {@code #{}} only.
 */
class HostileMapperScanTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern SQL_ANNOTATION = Pattern.compile("@(Select|Insert|Update|Delete)(Provider)?\\s*\\(");

    @Test
    void mapperXmlFilesUseNoDollarPlaceholders() {
        List<Path> mappers = files(RESOURCES, ".xml").stream()
                .filter(path -> read(path).contains("<mapper"))
                .toList();
        assertThat(mappers).as("mapper XML files found").hasSizeGreaterThanOrEqualTo(8);
        List<String> found = new ArrayList<>();
        for (Path mapper : mappers) {
            found.addAll(dollarPlaceholders(mapper, read(mapper)));
        }
        assertThat(found).as("${} in mapper XML").isEmpty();
    }

    @Test
    void sqlAnnotationsUseNoDollarPlaceholders() {
        List<String> annotations = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (Path source : files(SOURCES, ".java")) {
            for (String annotation : sqlAnnotations(read(source))) {
                annotations.add(annotation);
                found.addAll(dollarPlaceholders(source, annotation));
            }
        }
        assertThat(annotations).as("SQL annotations found").hasSizeGreaterThanOrEqualTo(4);
        assertThat(found).as("${} in @Select/@Insert/@Update/@Delete").isEmpty();
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        String source = "@Select(\"SELECT * FROM jm_task WHERE name = '${name}'\" + \")\")\nTask find(String name);\n"
                + "@Update({\"UPDATE jm_task\", \"SET name = #{name}\"}) int rename();";
        List<String> annotations = sqlAnnotations(source);
        assertThat(annotations).hasSize(2);
        assertThat(dollarPlaceholders(Path.of("Example.java"), annotations.get(0)))
                .singleElement()
                .asString()
                .contains("${name}");
        assertThat(dollarPlaceholders(Path.of("Example.java"), annotations.get(1)))
                .isEmpty();
    }

    /** The full text of each SQL annotation: from its name to its closing parenthesis, strings skipped. */
    static List<String> sqlAnnotations(String source) {
        List<String> annotations = new ArrayList<>();
        Matcher matcher = SQL_ANNOTATION.matcher(source);
        while (matcher.find()) {
            int depth = 1;
            boolean inString = false;
            int i = matcher.end();
            for (; i < source.length() && depth > 0; i++) {
                char c = source.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            }
            annotations.add(source.substring(matcher.start(), i));
        }
        return annotations;
    }

    private static List<String> dollarPlaceholders(Path file, String text) {
        List<String> found = new ArrayList<>();
        int at = text.indexOf("${");
        while (at >= 0) {
            int end = text.indexOf('}', at);
            found.add(file + ": " + text.substring(at, end < 0 ? text.length() : end + 1));
            at = text.indexOf("${", at + 2);
        }
        return found;
    }

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> path.toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
