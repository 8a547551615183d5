package com.jm.job.master.hostile;

import java.util.function.Function;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * One request an attacker or a careless client sends, and the refusal it must get.
 *
 * @param endpoint the endpoint it is aimed at, as {@code METHOD /path/{id}}
 * @param name what is wrong with it
 * @param status the exact 4xx status it must be answered with
 * @param request builds the request against the fixture rows
 */
record HostileCase(String endpoint, String name, int status, Function<HostileTarget, RequestBuilder> request) {

    @Override
    public String toString() {
        return endpoint + ": " + name + " -> " + status;
    }
}
