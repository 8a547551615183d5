package com.jm.job.master.importer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Which jm-job handler runs a Quartz job class: a Quartz job names a class, a task names a handler
 * bean. By default the bean name Spring gives a {@code @Component} of that class (its simple name,
 * first letter lower case: {@code com.acme.NightlyReportJob} → {@code nightlyReportJob}), so the
 * class itself can become the handler; {@code --handler-map CLASS=BEAN} (repeatable) and {@code
 * --handler-map-file FILE} (a properties file of such lines) say otherwise, and with {@code
 * --require-handler-map} a class not in the map is a bad row.
 *
 * @param mapped the handler of each class named in the map
 * @param required whether a class must be in the map
 */
record QuartzHandlers(Map<String, String> mapped, boolean required) {

    /** The handler of a class, and how it was chosen, for the report. */
    record Handler(String beanName, String how) {}

    /**
     * @throws IllegalArgumentException when an entry or the file is not one
     */
    static QuartzHandlers of(List<String> entries, String file, boolean required) {
        Map<String, String> mapped = new LinkedHashMap<>();
        if (file != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("--handler-map-file " + file + " cannot be read: " + e.getMessage());
            }
            for (String name : properties.stringPropertyNames()) {
                put(mapped, name, properties.getProperty(name), "--handler-map-file " + file);
            }
        }
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "--handler-map '" + entry + "' is not CLASS=BEAN (com.acme.NightlyReportJob=nightlyReport)");
            }
            put(mapped, entry.substring(0, eq), entry.substring(eq + 1), "--handler-map");
        }
        if (required && mapped.isEmpty()) {
            throw new IllegalArgumentException("--require-handler-map needs a --handler-map or --handler-map-file");
        }
        return new QuartzHandlers(Map.copyOf(mapped), required);
    }

    private static void put(Map<String, String> mapped, String className, String bean, String where) {
        String name = className.strip();
        try {
            mapped.put(name, ImportRules.handlerName(bean.strip(), "bean name"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + name + ": " + e.getMessage());
        }
    }

    /**
     * @throws IllegalArgumentException when the class is not in a required map, or its default name
     *     is not a handler name
     */
    Handler handler(String className) {
        String mappedName = mapped.get(className);
        if (mappedName != null) {
            return new Handler(mappedName, "--handler-map");
        }
        if (required) {
            throw new IllegalArgumentException("its job class " + className + " is not in the handler map"
                    + " (--require-handler-map): add --handler-map " + className + "=<bean name>");
        }
        String bean = StringUtils.uncapitalizeAsProperty(ClassUtils.getShortName(className));
        return new Handler(
                ImportRules.handlerName(bean, "the default handler name of " + className),
                "by default: the class's simple name; --handler-map to change");
    }
}
