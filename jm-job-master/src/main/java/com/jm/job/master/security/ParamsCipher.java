package com.jm.job.master.security;

import com.jm.job.master.config.JmJobMasterProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts what the master keeps secret at rest, tasks' sensitive params and alarm channels'
 * secrets, with AES-GCM (a random 96-bit nonce per value, 128-bit tag) as {@code {aesgcm:<key
 * id>}<base64 of nonce + ciphertext + tag>}. The key id tells which configured key decrypts a
 * value, so a new key can take over while rows under the old one stay readable. Each kind of value
 * is bound to its column (the GCM associated data), so a ciphertext copied into another column
 * does not decrypt there. Keys are checked at start; a mistake stops it with the property's name.
 */
@Component
public class ParamsCipher {

    private static final Pattern STORED = Pattern.compile("^\\{aesgcm:([A-Za-z0-9_-]{1,32})}([A-Za-z0-9+/=]+)$");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** What tasks' params are bound to. */
    public static final String PARAMS = "jm_task.params";

    private final Map<String, SecretKey> keys;
    private final String currentKeyId;
    private final SecureRandom random = new SecureRandom();

    public ParamsCipher(JmJobMasterProperties properties) {
        JmJobMasterProperties.Security security = properties.getSecurity();
        this.keys = keys(security.getParamsKeys());
        String current = security.getParamsKeyId();
        if (current != null && !current.isBlank() && !keys.containsKey(current)) {
            throw new IllegalStateException("jm.job.master.security.params-key-id is '" + current
                    + "', but no jm.job.master.security.params-keys entry has that id");
        }
        this.currentKeyId = current != null && !current.isBlank()
                ? current
                : keys.keySet().stream().findFirst().orElse(null);
    }

    /** Whether a key is configured, so params may be marked sensitive. */
    public boolean isConfigured() {
        return currentKeyId != null;
    }

    /** The stored form of {@code params} under the current key. */
    public String encrypt(String params) {
        return encrypt(params, PARAMS);
    }

    /** Whether a key of this id is configured, so values under it decrypt. */
    public boolean hasKey(String keyId) {
        return keys.containsKey(keyId);
    }

    /** The id of the key new values are encrypted with, or {@code null} when none is configured. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /**
     * The stored form of {@code clear} under the current key, bound to {@code column} (the table
     * and column it is stored in, for example {@code jm_alarm_rule.hmac_secret}).
     */
    public String encrypt(String clear, String column) {
        if (currentKeyId == null) {
            throw new IllegalStateException("no key configured in jm.job.master.security.params-keys");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce, column);
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return "{aesgcm:" + currentKeyId + "}" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * The clear params of a stored value.
     *
     * @throws IllegalStateException naming the key id when that key is not configured or the value
     *     does not decrypt (tampered, or encrypted with another key of the same id)
     */
    public String decrypt(String stored) {
        return decrypt(stored, PARAMS, "sensitive params");
    }

    /**
     * The clear text of a value {@link #encrypt(String, String) encrypted} for {@code column}.
     *
     * @param what what the value is, for the message of a failure
     * @throws IllegalStateException as {@link #decrypt(String)}
     */
    public String decrypt(String stored, String column, String what) {
        Matcher m = STORED.matcher(stored);
        if (!m.matches()) {
            throw new IllegalStateException(what + " are not in the {aesgcm:<key id>}... form");
        }
        SecretKey key = keys.get(m.group(1));
        if (key == null) {
            throw new IllegalStateException(what + " were encrypted with key '" + m.group(1)
                    + "', which is not in jm.job.master.security.params-keys");
        }
        byte[] bytes = Base64.getDecoder().decode(m.group(2));
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(bytes, NONCE_BYTES), column);
            byte[] clear = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(clear, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(what + " do not decrypt with key '" + m.group(1) + "'", e);
        }
    }

    /** The id of the key a stored value was encrypted with, or {@code null} when it is not one. */
    public static String keyIdOf(String stored) {
        Matcher m = STORED.matcher(stored == null ? "" : stored);
        return m.matches() ? m.group(1) : null;
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String column) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(column.getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }

    private static Map<String, SecretKey> keys(List<JmJobMasterProperties.ParamsKey> configured) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (int i = 0; i < configured.size(); i++) {
            JmJobMasterProperties.ParamsKey k = configured.get(i);
            String prefix = "jm.job.master.security.params-keys[" + i + "]";
            if (k.getId() == null || !KEY_ID.matcher(k.getId()).matches()) {
                throw new IllegalStateException(
                        prefix + ".id must be 1-32 letters, digits, '-' or '_' (it is stored with each ciphertext)");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder()
                        .decode(k.getKey() == null ? "" : k.getKey().trim());
            } catch (IllegalArgumentException e) {
                bytes = new byte[0];
            }
            if (bytes.length != 32) {
                throw new IllegalStateException(prefix
                        + ".key must be 32 random bytes in base64 (AES-256); create one with: openssl rand -base64 32");
            }
            if (keys.put(k.getId(), new SecretKeySpec(bytes, "AES")) != null) {
                throw new IllegalStateException(prefix + ".id '" + k.getId() + "' is used by an earlier key");
            }
        }
        return Map.copyOf(keys).isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(keys);
    }
}
