package com.jm.job.master.web;

import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/tasks/{id}/trigger} (optional).
 *
 * @param params parameters for this fire only; absent, the fire runs the task's own
 */
public record TriggerRequest(@Size(max = TaskRequest.MAX_PARAMS, message = TaskRequest.PARAMS_MESSAGE) String params) {}
