package com.jm.job.master.web;

import com.jm.job.common.protocol.PollResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A held poll's answer as a servlet-async result: the request thread goes back to the server while
 * the poll waits, and the answer (or the failure, which the exception handler turns into its
 * problem body) is written once it comes. When the request ends otherwise (the node's connection
 * broke, or the container's time limit passed, which the poll's own deadline always precedes), the
 * poll is cancelled, so nothing more is claimed for a node that is no longer listening.
 */
final class HeldAnswer {

    /** Beyond the longest hold, so the container never ends a poll that is about to answer. */
    private static final Duration SLACK = Duration.ofSeconds(30);

    private HeldAnswer() {}

    /**
     * The answer of a poll that is already answered; a look's failure is thrown as itself, so the
     * exception handler answers it as it would on the request's thread (404 for a node that left).
     */
    static PollResponse now(CompletableFuture<PollResponse> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    static DeferredResult<PollResponse> of(CompletableFuture<PollResponse> answer, Duration maxWait) {
        DeferredResult<PollResponse> result =
                new DeferredResult<>(maxWait.plus(SLACK).toMillis());
        answer.whenComplete((response, failure) -> {
            if (failure == null) {
                result.setResult(response);
            } else if (!answer.isCancelled()) {
                result.setErrorResult(
                        failure instanceof CompletionException e && e.getCause() != null ? e.getCause() : failure);
            }
        });
        result.onError(e -> answer.cancel(false));
        result.onTimeout(() -> answer.cancel(false));
        result.onCompletion(() -> answer.cancel(false));
        return result;
    }
}
