package com.jm.job.master.importer;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What every import checks of a job before it becomes a task, whatever the source: the handler
 * name, the interval of a fixed rate, the size of its params, and how the task is named.
 */
final class ImportRules {

    static final int MAX_NAME = 128;
    /** A task's params column takes more, but the API takes at most this much. */
    static final int MAX_PARAMS = 65_535;

    private static final Pattern BEAN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.\\-]*");
    private static final Duration MIN_RATE = Duration.ofSeconds(1);
    private static final Duration MAX_RATE = Duration.ofDays(366);

    private ImportRules() {}

    /**
     * The name a task gets: a description, then the source's key, which a later import matches; the
     * description is cut when both would not fit.
     *
     * @param fallback the description when the source has none
     */
    static String taskName(String description, String fallback, String key) {
        String suffix = " [" + key + "]";
        String text = description == null || description.isBlank() ? fallback : description.strip();
        if (suffix.length() >= MAX_NAME) {
            throw new IllegalArgumentException(
                    "its key '" + key + "' is too long for a task name (at most " + (MAX_NAME - 3) + " characters)");
        }
        if (text.length() + suffix.length() > MAX_NAME) {
            text = text.substring(0, MAX_NAME - suffix.length());
        }
        return text + suffix;
    }

    /** @throws IllegalArgumentException when jm-job would not take it as a task's {@code beanName} */
    static String handlerName(String handler, String what) {
        if (handler.length() > MAX_NAME || !BEAN_NAME.matcher(handler).matches()) {
            throw new IllegalArgumentException(what + " '" + handler + "' is not a handler name jm-job takes"
                    + " (a letter, '_' or '$', then letters, digits, '_', '$', '.' or '-'; at most 128)");
        }
        return handler;
    }

    /** @throws IllegalArgumentException when it is outside what a task's fixed rate takes */
    static Duration interval(Duration interval, String what) {
        if (interval.compareTo(MIN_RATE) < 0 || interval.compareTo(MAX_RATE) > 0) {
            throw new IllegalArgumentException(what + " is outside 1 s to 366 days");
        }
        return interval;
    }

    /** @throws IllegalArgumentException when a task would not take them */
    static String params(String params) {
        if (params != null && params.length() > MAX_PARAMS) {
            throw new IllegalArgumentException(
                    "its params are " + params.length() + " characters long; a task takes" + " at most " + MAX_PARAMS);
        }
        return params;
    }
}
