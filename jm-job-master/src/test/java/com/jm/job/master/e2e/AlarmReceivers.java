package com.jm.job.master.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.jm.job.master.support.Ports;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What alarms are delivered to in the end-to-end tests: a real HTTP server on a loopback port
 * ({@code /hook} answers 204 and keeps every request, {@code /down} answers 503 and counts) and a
 * real SMTP server (GreenMail).
 */
final class AlarmReceivers implements AutoCloseable {

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final HttpServer http;
    private final GreenMail smtp;

    /** One request the webhook receiver took. */
    record Received(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    AlarmReceivers() {
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/hook", exchange -> {
            received.add(new Received(
                    Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.createContext("/down", exchange -> {
            exchange.getRequestBody().readAllBytes();
            refused.incrementAndGet();
            byte[] answer = "try later".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        http.start();
        smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    /** The masters' properties that send mail to this SMTP server. */
    String[] mailProperties() {
        return new String[] {
            "spring.mail.host=127.0.0.1", "spring.mail.port=" + smtp.getSmtp().getPort()
        };
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    /** Every request {@code /hook} took, in order. */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** The generic bodies {@code /hook} took. */
    List<JsonNode> bodies() {
        return received.stream().map(r -> json.readTree(r.body())).toList();
    }

    /** How many webhook bodies are of {@code event} about {@code field} = {@code id}. */
    long hooks(String event, String field, long id) {
        return bodies().stream()
                .filter(b -> b.get("event").asString().equals(event)
                        && b.get(field).isNumber()
                        && b.get(field).asLong() == id)
                .count();
    }

    int refused() {
        return refused.get();
    }

    List<MimeMessage> mails() {
        return Arrays.asList(smtp.getReceivedMessages());
    }

    /** How many mails have a subject starting with {@code prefix}. */
    long mails(String prefix) {
        return mails().stream().filter(m -> subject(m).startsWith(prefix)).count();
    }

    static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        smtp.stop();
        http.stop(0);
    }
}
