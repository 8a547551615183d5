package com.jm.job.master.web;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.node.NodeDirectory;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * The one place the node API checks a node's session: every node-API body that names a node
 * ({@code nodeId}) must come with that node's current session secret in
 * {@value NodeApi#SESSION_HEADER}, or it is answered 404 "register again" before the handler runs.
 * The node token was already checked by the security filter.
 */
@ControllerAdvice(assignableTypes = NodeApiController.class)
class NodeSessionAdvice extends RequestBodyAdviceAdapter {

    /** Looked up on use: web slices that test other controllers load every advice, not the node package. */
    private final ObjectProvider<NodeDirectory> directory;

    /** Looked up once per body type, not on every call of the hot node API. */
    private final ClassValue<Optional<RecordComponent>> nodeIds = new ClassValue<>() {
        @Override
        protected Optional<RecordComponent> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return Optional.empty();
            }
            return Arrays.stream(type.getRecordComponents())
                    .filter(c -> c.getName().equals("nodeId") && c.getType() == long.class)
                    .findFirst();
        }
    };

    NodeSessionAdvice(ObjectProvider<NodeDirectory> directory) {
        this.directory = directory;
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return nodeIdOf(parameter.getParameterType()).isPresent();
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
        RecordComponent nodeId = nodeIdOf(body.getClass()).orElseThrow();
        try {
            directory
                    .getObject()
                    .authenticate(
                            (long) nodeId.getAccessor().invoke(body),
                            inputMessage.getHeaders().getFirst(NodeApi.SESSION_HEADER));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot read nodeId of " + body.getClass().getSimpleName(), e);
        }
        return body;
    }

    private Optional<RecordComponent> nodeIdOf(Class<?> type) {
        return nodeIds.get(type);
    }
}
