package com.jm.job.chaos;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A node's append-only journal: one line per event, each written with its own {@code write} call,
 * so that a line the handler wrote is in the file even when the process is killed a moment later.
 * Lines are tab-separated {@code key=value} fields after the event name.
 */
final class Journal implements AutoCloseable {

    private final FileOutputStream out;

    Journal(Path file) {
        try {
            this.out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    synchronized void write(String event, Object... keyValues) {
        StringBuilder line = new StringBuilder(event);
        for (int i = 0; i < keyValues.length; i += 2) {
            line.append('\t').append(keyValues[i]).append('=').append(keyValues[i + 1]);
        }
        line.append('\n');
        try {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal", e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
