package com.jm.job.master.console;

import com.jm.job.master.errors.InvalidFieldException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Checks a console form the way the API checks its body: the request record's Bean Validation
 * constraints first (messages worded as the API words them, "field message"), then the service's
 * own rules, whose {@link InvalidFieldException} names the field. The messages go beside the
 * fields they are about.
 */
@Component
class FieldErrors {

    private final Validator validator;

    FieldErrors(Validator validator) {
        this.validator = validator;
    }

    /** The constraint violations of {@code request}, by top-level field (the first one per field). */
    <T> Map<String, String> check(T request) {
        Map<String, String> errors = new LinkedHashMap<>();
        validator.validate(request).stream()
                .sorted(Comparator.comparing(
                        (ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
                .forEach(v -> {
                    String field = topLevel(v.getPropertyPath().toString());
                    errors.putIfAbsent(field, field + " " + v.getMessage());
                });
        return errors;
    }

    /**
     * What a form's own reading found ({@code problems}: a number that is not one), then the
     * constraint violations of the request it became, for the fields without a problem yet.
     */
    <T> Map<String, String> check(Map<String, String> problems, T request) {
        Map<String, String> errors = new LinkedHashMap<>(problems);
        check(request).forEach(errors::putIfAbsent);
        return errors;
    }

    /**
     * Runs {@code write}, or answers null with the field's message in {@code errors} when the
     * service refuses a field.
     */
    static <T> T orFieldError(Map<String, String> errors, Supplier<T> write) {
        try {
            return write.get();
        } catch (InvalidFieldException e) {
            errors.put(e.field(), e.getMessage());
            return null;
        }
    }

    /** The field a path starts at: {@code tags[0].<list element>}, {@code headers<K>[].<map key>}. */
    private static String topLevel(String path) {
        for (int i = 0; i < path.length(); i++) {
            if ("[.<".indexOf(path.charAt(i)) >= 0) {
                return path.substring(0, i);
            }
        }
        return path;
    }
}
