package com.jm.job.master.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Composes an example value for a schema from the examples of its properties (each record field
 * carries one in its {@code @Schema}), so that request and response examples stay in step with the
 * types they show.
 */
final class Examples {

    private static final int MAX_DEPTH = 6;

    private Examples() {}

    /** The example, or {@code null} when some part of the schema has none. */
    static Object of(OpenAPI api, Schema<?> schema) {
        return of(api, schema, 0);
    }

    private static Object of(OpenAPI api, Schema<?> schema, int depth) {
        if (schema == null || depth > MAX_DEPTH) {
            return null;
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.get$ref() != null) {
            return of(api, OperationDocumenter.resolve(api, schema), depth + 1);
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().get(0);
        }
        if (schema.getItems() != null) {
            Object item = of(api, schema.getItems(), depth + 1);
            return item == null ? null : List.of(item);
        }
        if (schema.getProperties() == null) {
            return null;
        }
        Map<String, Object> example = new LinkedHashMap<>();
        for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            Object value = of(api, property.getValue(), depth + 1);
            if (value == null) {
                return null;
            }
            example.put(property.getKey(), value);
        }
        return example;
    }
}
