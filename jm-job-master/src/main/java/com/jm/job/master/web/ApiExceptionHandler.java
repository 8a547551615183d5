package com.jm.job.master.web;

import com.jm.job.master.cron.InvalidCronException;
import com.jm.job.master.errors.ConflictException;
import com.jm.job.master.errors.DatabaseFailures;
import com.jm.job.master.errors.ForbiddenException;
import com.jm.job.master.errors.InvalidFieldException;
import com.jm.job.master.errors.NotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place errors become answers: a real status code and an RFC 9457 problem body whose
 * {@code detail} names the field or the rule broken. Validation problems also list
 * {@code errors: [{field, message}]}, and their title and messages are in the caller's language
 * (English or Chinese, see the console's locale resolver). Nothing internal (stack traces, SQL, class names) leaks.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** How much of a rejected value is quoted back; enough to recognise, not enough to flood a log. */
    private static final int MAX_ECHO = 64;

    /** A database restart takes seconds; sooner than this a retry would most likely fail again. */
    private static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException e) {
        return invalid(List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    /**
     * A cron expression its flavour cannot read: besides the field problem, the flavour and the
     * other flavours that read the text with their next fire times ({@code otherReadings}), so a
     * caller (the console) can offer to switch.
     */
    @ExceptionHandler(InvalidCronException.class)
    ProblemDetail invalidCron(InvalidCronException e) {
        ProblemDetail problem = invalidField(e);
        problem.setProperty("cronFlavour", e.flavour().name());
        problem.setProperty(
                "otherReadings",
                e.otherReadings().stream()
                        .map(r -> Map.of(
                                "cronFlavour",
                                r.flavour().name(),
                                "nextFireTimes",
                                r.nextFireTimes().stream().map(Times::offset).toList()))
                        .toList());
        return problem;
    }

    /**
     * The database is away (stopped, restarting, unreachable) or no pooled connection came within
     * {@code spring.datasource.hikari.connection-timeout}: answered at once rather than after the
     * request hangs, and as 503, so callers (nodes included) back off and send the call again. Reached
     * directly for Spring's own exceptions, and through {@link #busy} and {@link #unexpected} for the
     * wrapped ones.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, RecoverableDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        log.warn("Database unreachable answering a request: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "the master cannot reach its database right now; retry the request in a few seconds (a write"
                        + " cut off by the outage may or may not have been applied: check before repeating it)");
        problem.setTitle("Database unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
                .body(problem);
    }

    /** Lock-wait time-outs and deadlock victims: nothing was written, and the same call may succeed now. */
    @ExceptionHandler(TransientDataAccessException.class)
    ResponseEntity<ProblemDetail> busy(TransientDataAccessException e) {
        if (DatabaseFailures.isUnreachable(e)) {
            // The pool's wait for a connection ending is transient too, but no lock was involved.
            return databaseUnavailable(e);
        }
        log.warn("Transient database failure answering a request: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(
                        ProblemDetail.forStatusAndDetail(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "the database was busy (lock time-out or deadlock) and nothing was changed; retry the request"));
    }

    @ExceptionHandler(InterruptedException.class)
    ResponseEntity<ProblemDetail> interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.SERVICE_UNAVAILABLE, "the master is shutting down; retry on another master"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseFailures.isUnreachable(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unexpected error answering a request", e);
        return ResponseEntity.internalServerError()
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.INTERNAL_SERVER_ERROR, "the master failed to handle the request; see its log"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getField() + " " + error.getDefaultMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return ResponseEntity.badRequest().body(invalid(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof RequestSizeLimitFilter.BodyTooLargeException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, cause.getMessage()));
        }
        return ResponseEntity.badRequest()
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, BodyErrors.describe(e.getCause())));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        String expected = type != null && type.isEnum()
                ? "one of " + Arrays.toString(type.getEnumConstants())
                : type == Boolean.class || type == boolean.class ? "true or false" : "a whole number within range";
        String got = String.valueOf(e.getValue());
        if (got.length() > MAX_ECHO) {
            got = got.substring(0, MAX_ECHO) + "...";
        }
        return ResponseEntity.badRequest()
                .body(invalid(List.of(new FieldProblem(name, name + " must be " + expected + ", got '" + got + "'"))));
    }

    private ProblemDetail invalid(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                String.join("; ", problems.stream().map(FieldProblem::message).toList()));
        problem.setTitle(inCallersLanguage("problem.invalid-request.title", "Invalid request"));
        problem.setProperty(
                "errors",
                problems.stream()
                        .map(p -> Map.of("field", p.field(), "message", p.message()))
                        .toList());
        return problem;
    }

    /**
     * In the language the locale resolver chose for this request (the console's language cookie,
     * else Accept-Language), as Bean Validation's messages already are.
     */
    private String inCallersLanguage(String code, String english) {
        MessageSource messages = getMessageSource();
        return messages == null ? english : messages.getMessage(code, null, english, LocaleContextHolder.getLocale());
    }

    private record FieldProblem(String field, String message) {}
}
