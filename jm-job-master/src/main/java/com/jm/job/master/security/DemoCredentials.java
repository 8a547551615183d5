package com.jm.job.master.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The embedded demo's credentials: generated at each start (nothing fixed, nothing default), printed
 * once, and written to a file only the owner can read so the run script can give the node token to
 * the sample node.
 */
final class DemoCredentials {

    static final String USER = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoCredentials.class);

    private DemoCredentials() {}

    static Credentials generate(Path file) {
        SecureRandom random = new SecureRandom();
        String password = secret(random, 18);
        String nodeToken = secret(random, 32);
        Credentials credentials = new Credentials(
                Map.of(
                        USER,
                        new Credentials.User("{bcrypt}" + new BCryptPasswordEncoder().encode(password), Role.OPERATOR)),
                Map.of(),
                nodeToken,
                Map.of(),
                null);
        write(file, password, nodeToken);
        log.warn(
                """

                ==================================================================
                 jm-job embedded demo: credentials generated for this run only
                   operator:   {} / {}
                   node token: {}
                   (also in {})
                 Configure jm.job.master.security.* for anything but a demo.
                ==================================================================""",
                USER,
                password,
                nodeToken,
                file);
        return credentials;
    }

    private static void write(Path file, String password, String nodeToken) {
        String content = "JMJOB_DEMO_USER=" + USER + "\nJMJOB_DEMO_PASSWORD=" + password + "\nJM_JOB_CLIENT_TOKEN="
                + nodeToken + "\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "demo-credentials", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file keeps the platform's default permissions.
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("Could not write the demo credentials to {}: {}", file, e.getMessage());
        }
    }

    private static String secret(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
