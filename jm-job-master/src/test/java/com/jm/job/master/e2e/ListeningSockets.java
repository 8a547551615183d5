package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc}: the socket inodes among the
 * process's open files that its {@code net/tcp} and {@code net/tcp6} list in state LISTEN, with
 * their local port. Whatever opens a server socket, a library's own HTTP server included, shows.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /** Local ports of the listening TCP sockets the process holds. */
    static Set<Integer> ports(ProcessHandle process) {
        Path proc = Path.of("/proc", String.valueOf(process.pid()));
        assertThat(proc.resolve("net/tcp"))
                .as("the check reads Linux's /proc, which the build machines have")
                .exists();
        Set<String> ownSockets = ownSocketInodes(proc.resolve("fd"));
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = proc.resolve(table);
            if (!Files.exists(file)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(file)) {
                lines.skip(1).map(String::strip).map(l -> l.split("\\s+")).forEach(fields -> {
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                    if (fields.length > 9 && fields[3].equals(LISTEN) && ownSockets.contains(fields[9])) {
                        String local = fields[1];
                        ports.add(Integer.parseInt(local.substring(local.indexOf(':') + 1), 16));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ports;
    }

    private static Set<String> ownSocketInodes(Path fds) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> entries = Files.list(fds)) {
            entries.forEach(fd -> {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring("socket:[".length(), link.length() - 1));
                    }
                } catch (IOException e) {
                    // closed between listing and reading: not a socket of ours any more
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }
}
