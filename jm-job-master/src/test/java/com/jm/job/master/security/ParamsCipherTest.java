package com.jm.job.master.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jm.job.master.config.JmJobMasterProperties;
import org.junit.jupiter.api.Test;

/** AES-GCM with key ids: round trip, rotation, tampering and configuration mistakes. */
class ParamsCipherTest {

    private final ParamsCipher old =
            new ParamsCipher(SensitiveParamsTest.properties("k1", SensitiveParamsTest.OLD_KEY));

    @Test
    void encryptsWithAFreshNonceAndDecryptsBack() {
        String a = old.encrypt("secret");
        String b = old.encrypt("secret");
        assertThat(a).startsWith("{aesgcm:k1}").isNotEqualTo(b).doesNotContain("secret");
        assertThat(old.decrypt(a)).isEqualTo("secret");
        assertThat(old.decrypt(old.encrypt("参数 ✓"))).isEqualTo("参数 ✓");
    }

    @Test
    void afterRotationOldValuesStayReadableAndNewOnesUseTheNewKey() {
        String before = old.encrypt("before");
        JmJobMasterProperties both = SensitiveParamsTest.properties("k1", SensitiveParamsTest.OLD_KEY);
        both.getSecurity()
                .getParamsKeys()
                .add(SensitiveParamsTest.properties("k2", SensitiveParamsTest.NEW_KEY)
                        .getSecurity()
                        .getParamsKeys()
                        .get(0));
        both.getSecurity().setParamsKeyId("k2");
        ParamsCipher rotated = new ParamsCipher(both);

        assertThat(rotated.decrypt(before)).isEqualTo("before");
        assertThat(ParamsCipher.keyIdOf(rotated.encrypt("after"))).isEqualTo("k2");
        ParamsCipher newOnly = new ParamsCipher(SensitiveParamsTest.properties("k2", SensitiveParamsTest.NEW_KEY));
        assertThatThrownBy(() -> newOnly.decrypt(before)).hasMessageContaining("'k1'");
    }

    @Test
    void aTamperedValueOrOneUnderAnotherKeyOfTheSameIdIsRefused() {
        String stored = old.encrypt("secret");
        String prefix = "{aesgcm:k1}";
        byte[] bytes = java.util.Base64.getDecoder().decode(stored.substring(prefix.length()));
        bytes[14] ^= 1; // one bit of the ciphertext
        String tampered = prefix + java.util.Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> old.decrypt(tampered)).hasMessageContaining("do not decrypt");
        ParamsCipher impostor = new ParamsCipher(SensitiveParamsTest.properties("k1", SensitiveParamsTest.NEW_KEY));
        assertThatThrownBy(() -> impostor.decrypt(stored)).hasMessageContaining("do not decrypt");
    }

    @Test
    void configurationMistakesStopTheStartNamingTheProperty() {
        assertThatThrownBy(() -> new ParamsCipher(SensitiveParamsTest.properties("k1", "c2hvcnQ=")))
                .hasMessageContaining("params-keys[0].key must be 32 random bytes");
        assertThatThrownBy(
                        () -> new ParamsCipher(SensitiveParamsTest.properties("bad id", SensitiveParamsTest.OLD_KEY)))
                .hasMessageContaining("params-keys[0].id");
        JmJobMasterProperties unknownCurrent = SensitiveParamsTest.properties("k1", SensitiveParamsTest.OLD_KEY);
        unknownCurrent.getSecurity().setParamsKeyId("k9");
        assertThatThrownBy(() -> new ParamsCipher(unknownCurrent)).hasMessageContaining("params-key-id is 'k9'");
        assertThat(new ParamsCipher(new JmJobMasterProperties()).isConfigured()).isFalse();
    }
}
