package com.jm.job.master.web;

import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Turns a JSON body that could not be read into a sentence a client can act on, without echoing
 * parser internals or class names.
 */
final class BodyErrors {

    private BodyErrors() {}

    static String describe(Throwable cause) {
        if (cause instanceof PropertyBindingException unknown) {
            String known = unknown.getKnownPropertyIds() == null
                    ? ""
                    : unknown.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .sorted()
                            .collect(Collectors.joining(", ", "; known fields: ", ""));
            return "unknown field '" + unknown.getPropertyName() + "'" + known;
        }
        if (cause instanceof InvalidNullException nullValue) {
            return "field '" + path(nullValue) + "' must not be null";
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String path = path(mismatch);
            if (path.isEmpty()) {
                return "the request body must be a JSON object";
            }
            String type = mismatch.getTargetType() == null ? "value" : typeName(mismatch.getTargetType());
            return "field '" + path + "' must be " + type;
        }
        if (cause instanceof InputCoercionException overflow) {
            String path = path(overflow);
            return path.isEmpty()
                    ? "a number in the request body is out of range"
                    : "field '" + path + "' must be a whole number within range";
        }
        if (cause instanceof StreamReadException) {
            return "the request body is not valid JSON";
        }
        return "the request body is missing or cannot be read as JSON";
    }

    /** As a client writes it: {@code tasks[3].groupId}. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number within range";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "a value of the documented type";
    }
}
