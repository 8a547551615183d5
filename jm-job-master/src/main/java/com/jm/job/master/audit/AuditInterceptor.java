package com.jm.job.master.audit;

import com.jm.job.master.domain.AuditRecord;
import com.jm.job.master.errors.DatabaseFailures;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * After every write through the operators' API or the console (any method but GET/HEAD/OPTIONS
 * under /api or /console),
 * records who did what to which entity and the status it was answered with, rejected writes
 * included. A failure to record is logged, never turned into a failed request; while the database
 * is unreachable nothing can be recorded, and those refused writes are only logged.
 */
class AuditInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);
    private static final Pattern TARGET = Pattern.compile("^/(?:api|console)/(groups|tasks|nodes|alarms)(?:/(\\d+))?");
    private static final Pattern VARIABLE_REGEX = Pattern.compile("\\{(\\w+):[^/]*}");
    private static final Pattern CREATED = Pattern.compile("/(?:api|console)/\\w+/(\\d+)$");
    private static final Map<String, String> TYPES =
            Map.of("groups", "GROUP", "tasks", "TASK", "nodes", "NODE", "alarms", "ALARM_RULE");

    private final AuditTrail trail;

    AuditInterceptor(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return;
        }
        if (request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE) instanceof Throwable failure
                && DatabaseFailures.isUnreachable(failure)) {
            // The entry could not be stored either, and trying would hold the answer for another
            // wait on the pool; the exception handler has logged the refused request.
            log.warn("Not recording audit entry {} {}: the database is unreachable", method, request.getRequestURI());
            return;
        }
        AuditRecord record = new AuditRecord();
        record.setActor(actor());
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        record.setAction(method + " " + (pattern != null ? withoutRegex(pattern.toString()) : request.getRequestURI()));
        record.setOutcome(
                request.getAttribute(AuditTrail.OUTCOME_ATTRIBUTE) instanceof Integer outcome
                        ? outcome
                        : response.getStatus());
        Matcher target = TARGET.matcher(request.getRequestURI());
        if (target.find()) {
            record.setTargetType(TYPES.get(target.group(1)));
            record.setTargetId(target.group(2) != null ? pathId(target.group(2)) : createdId(response));
        }
        try {
            trail.record(record);
        } catch (RuntimeException e) {
            log.error("Could not record audit entry {} by {}", record.getAction(), record.getActor(), e);
        }
    }

    /** A path variable as the API documents it: {@code {id}}, not the regex that routes it. */
    private static String withoutRegex(String pattern) {
        return VARIABLE_REGEX.matcher(pattern).replaceAll("{$1}");
    }

    /** The id in the path, or none when it is too large for one (the request was refused with 400). */
    private static Long pathId(String digits) {
        try {
            return Long.valueOf(digits);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    private static Long createdId(HttpServletResponse response) {
        String location = response.getHeader(HttpHeaders.LOCATION);
        if (location == null) {
            return null;
        }
        Matcher m = CREATED.matcher(location);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "anonymous" : auth.getName();
    }
}
