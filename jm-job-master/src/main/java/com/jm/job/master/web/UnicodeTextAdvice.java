package com.jm.job.master.web;

import com.jm.job.master.errors.InvalidFieldException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses text that is not valid Unicode: JSON can carry a lone surrogate ({@code "\\uD800"}),
 * which no database column can store, so it would silently come back as {@code ?}. Every text
 * field of every request body must round-trip byte for byte, or be refused naming the field.
 */
@ControllerAdvice
class UnicodeTextAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.getParameterType().isRecord();
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (body == null) {
            return null; // a JSON null: refused by the required-body check
        }
        for (RecordComponent component : body.getClass().getRecordComponents()) {
            if (component.getType() != String.class) {
                continue;
            }
            try {
                String value = (String) component.getAccessor().invoke(body);
                if (value != null && hasLoneSurrogate(value)) {
                    throw new InvalidFieldException(
                            component.getName(),
                            component.getName() + " is not valid Unicode text (it contains a lone surrogate)");
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName(), e);
            }
        }
        return body;
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
