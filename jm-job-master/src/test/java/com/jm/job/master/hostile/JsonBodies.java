package com.jm.job.master.hostile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies built from maps, with room for raw JSON a mapper would never write. */
final class JsonBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** JSON text written as is: overflowing numbers, {@code NaN}, leading zeros. */
    record Raw(String json) {}

    private JsonBodies() {}

    static String write(Map<String, Object> body) {
        return body.entrySet().stream()
                .map(e -> JSON.writeValueAsString(e.getKey()) + ":" + value(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.remove(field);
        return copy;
    }

    private static String value(Object value) {
        return value instanceof Raw raw ? raw.json() : JSON.writeValueAsString(value);
    }
}
