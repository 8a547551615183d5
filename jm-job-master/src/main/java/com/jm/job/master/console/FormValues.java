package com.jm.job.master.console;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a console form's text into the types of the API's request records. A browser sends
 * everything as text, so a number field that is not a number (or a choice no select offers) is
 * the only thing refused here, with a message per field; every other rule is the API's own.
 */
final class FormValues {

    private final Map<String, String> problems = new LinkedHashMap<>();

    /** The fields that did not read, with the message for each (the first per field). */
    Map<String, String> problems() {
        return problems;
    }

    Long number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            problems.putIfAbsent(field, field + " must be a whole number");
            return null;
        }
    }

    Integer integer(String field, String value) {
        Long n = number(field, value);
        if (n != null && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
            problems.putIfAbsent(field, field + " must be a whole number within range");
            return null;
        }
        return n == null ? null : n.intValue();
    }

    /** One of an enum's names (as the form's select offers them), or null when none is chosen. */
    <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        String name = blankToNull(value);
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            problems.putIfAbsent(
                    field,
                    field + " must be one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")));
            return null;
        }
    }

    /** A problem of the form's own, such as a line that does not read. */
    void refuse(String field, String message) {
        problems.putIfAbsent(field, message);
    }

    /** Comma or space separated words, or null for none. */
    static List<String> words(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(value.split("[,\\s]+")).filter(w -> !w.isEmpty()).toList();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
