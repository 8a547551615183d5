package com.jm.job.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operators' API of the two masters, as a client behind a load balancer sees it: each call
 * goes to the next master, and one that fails (refused, 5xx, a time-out) is sent again, to the
 * other, until it is answered or a minute has gone.
 */
final class MasterApi {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final Cluster cluster;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final AtomicInteger next = new AtomicInteger();

    MasterApi(Cluster cluster) {
        this.cluster = cluster;
    }

    /** POSTs and answers the body of the 2xx answer; 4xx fails at once (the request is wrong). */
    String post(String path, String json) throws InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String last = "";
        while (System.nanoTime() < giveUp) {
            String base = cluster.masterUrl(Math.floorMod(next.getAndIncrement(), 2));
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(5))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + cluster.apiToken)
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return response.body();
                }
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() / 100 == 4 && response.statusCode() != 409) {
                    throw new IllegalStateException("POST " + path + " answered " + last);
                }
                if (response.statusCode() == 409) {
                    return null;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("POST " + path + " not answered within a minute: " + last);
    }

    boolean healthy(int master) throws InterruptedException {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(cluster.masterUrl(master) + "/actuator/health"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        }
    }

    static long id(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return Long.parseLong(m.group(1));
    }
}
