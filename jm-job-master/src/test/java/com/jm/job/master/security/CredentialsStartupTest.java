package com.jm.job.master.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jm.job.master.config.JmJobMasterProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/** No default secrets: what the master accepts at start, and what only the embedded demo gets. */
class CredentialsStartupTest {

    private final CredentialsConfiguration configuration = new CredentialsConfiguration();

    @Test
    void aRealDatabaseWithoutCredentialsRefusesToStartAndNamesTheProperty() {
        assertThatThrownBy(() -> configuration.credentials(new JmJobMasterProperties(), mysql()))
                .hasMessageContaining("jm.job.master.security.users[0].name");
    }

    @Test
    void withUsersButNoNodeTokenItNamesTheNodeTokenProperty() {
        JmJobMasterProperties properties = new JmJobMasterProperties();
        properties.getSecurity().getUsers().add(user("$2a$04$AY9ALqpVoJB9koQykAX3bOoH/HSfUOdBUpucAjAUTJSWllK.bpw7K"));

        assertThatThrownBy(() -> configuration.credentials(properties, mysql()))
                .hasMessageContaining("jm.job.master.security.node-token");
    }

    @Test
    void plainTextPasswordsAndShortTokensAreRefused() {
        JmJobMasterProperties plain = new JmJobMasterProperties();
        plain.getSecurity().getUsers().add(user("secret"));
        assertThatThrownBy(() -> configuration.credentials(plain, mysql()))
                .hasMessageContaining("users[0].password must be a bcrypt hash");

        JmJobMasterProperties shortToken = new JmJobMasterProperties();
        shortToken.getSecurity().getUsers().add(user("$2a$04$AY9ALqpVoJB9koQykAX3bOoH/HSfUOdBUpucAjAUTJSWllK.bpw7K"));
        shortToken.getSecurity().setNodeToken("changeme");
        assertThatThrownBy(() -> configuration.credentials(shortToken, mysql()))
                .hasMessageContaining("node-token must be at least 32 characters");
    }

    @Test
    void onlyTheEmbeddedDemoGeneratesCredentialsAndKeepsThemPrivate(@TempDir Path dir) throws Exception {
        JmJobMasterProperties properties = new JmJobMasterProperties();
        Path file = dir.resolve("demo-credentials.env");
        properties.getSecurity().setDemoCredentialsFile(file.toString());
        DataSourceProperties h2 = new DataSourceProperties();
        h2.setUrl("jdbc:h2:file:./data/x;MODE=MySQL");

        Credentials first = configuration.credentials(properties, h2);
        Credentials second = configuration.credentials(properties, h2);

        assertThat(first.users()).containsOnlyKeys("demo");
        assertThat(first.nodeToken()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(second.nodeToken());
        assertThat(Files.readString(file)).contains("JM_JOB_CLIENT_TOKEN=" + second.nodeToken());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    private static DataSourceProperties mysql() {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl("jdbc:mysql://db:3306/jmjob");
        return properties;
    }

    private static JmJobMasterProperties.User user(String password) {
        JmJobMasterProperties.User user = new JmJobMasterProperties.User();
        user.setName("alice");
        user.setPassword(password);
        user.setRole("OPERATOR");
        return user;
    }
}
