package com.jm.job.master.security;

import com.jm.job.master.config.JmJobMasterProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Basic sign-ins whose bcrypt check succeeded a moment ago. HTTP Basic sends the password with
 * every request, and bcrypt is meant to be slow (about 75 ms at cost 10 on two busy cores), so
 * checking it each time would make it the largest part of every operator call. What was presented
 * is remembered only as an HMAC-SHA256 under a key drawn at random when this object is made: the
 * entries are useless to anyone without that key (no offline guessing from a heap dump as with a
 * plain hash), and never leave the process.
 *
 * <p>Only a successful check is remembered, so a wrong password is never accepted from here; a
 * name whose password was wrong simply finds nothing. Each entry holds the user record it was
 * checked against and counts only while the user is still exactly that record (same hash, same
 * role): a password or role changed in the configuration takes effect at once, even for a
 * password presented a second ago. Entries expire after {@code ttl}, and past {@code maxEntries}
 * the oldest is dropped, so a stream of distinct right passwords cannot grow the map.
 */
final class VerifiedCredentials {

    private final Mac prototype;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    /** Insertion order, so the eldest entry is the oldest sign-in; guarded by itself. */
    private final Map<String, Entry> entries;

    private record Entry(Credentials.User user, Instant expires) {}

    VerifiedCredentials(JmJobMasterProperties.CredentialCache settings, Clock clock) {
        this.ttl = settings.getTtl();
        this.maxEntries = settings.getMaxEntries();
        this.clock = clock;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            this.prototype = Mac.getInstance("HmacSHA256");
            this.prototype.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    private boolean enabled() {
        return !ttl.isZero() && !ttl.isNegative();
    }

    /**
     * Whether this name and password passed a check against exactly {@code user} within the TTL.
     * An expired entry, or one checked against another record of the user, is dropped.
     */
    boolean contains(String name, String password, Credentials.User user) {
        if (!enabled() || user == null) {
            return false;
        }
        String key = key(name, password);
        Instant now = clock.instant();
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return false;
            }
            if (!entry.user().equals(user) || !now.isBefore(entry.expires())) {
                entries.remove(key);
                return false;
            }
            return true;
        }
    }

    /** Remembers a name and password that bcrypt has just confirmed for {@code user}. */
    void add(String name, String password, Credentials.User user) {
        if (!enabled()) {
            return;
        }
        String key = key(name, password);
        Entry entry = new Entry(user, clock.instant().plus(ttl));
        synchronized (entries) {
            // Removed first, so a renewed entry moves to the young end of the insertion order.
            entries.remove(key);
            entries.put(key, entry);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The name's length first, so that no other split of the same bytes into name and password collides. */
    private String key(String name, String password) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        ByteBuffer message = ByteBuffer.allocate(4 + nameBytes.length + passwordBytes.length)
                .putInt(nameBytes.length)
                .put(nameBytes)
                .put(passwordBytes);
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's HmacSHA256 cannot be cloned", e);
        }
        return java.util.Base64.getEncoder().encodeToString(mac.doFinal(message.array()));
    }
}
