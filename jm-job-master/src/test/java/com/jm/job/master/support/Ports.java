package com.jm.job.master.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Local ports for servers a test starts and restarts itself (a master, a private Redis). */
public final class Ports {

    private Ports() {}

    /** A port free right now on this machine. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
