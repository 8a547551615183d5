package com.jm.job.master.security;

import com.jm.job.master.config.JmJobMasterProperties;
import java.nio.file.Path;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Decides the credentials at start. Configured ones are checked and used. With none configured, only
 * the embedded demo (the H2 database) starts, with generated credentials; anything else refuses to
 * start and says which properties to set: no default secrets.
 */
@Configuration(proxyBeanMethods = false)
class CredentialsConfiguration {

    @Bean
    Credentials credentials(JmJobMasterProperties properties, DataSourceProperties dataSource) {
        JmJobMasterProperties.Security security = properties.getSecurity();
        Credentials configured = Credentials.from(security);
        boolean nothingConfigured = !configured.hasOperatorAccess() && !configured.hasNodeAccess();
        String url = dataSource.getUrl();
        if (nothingConfigured && url != null && url.startsWith("jdbc:h2:")) {
            return DemoCredentials.generate(Path.of(security.getDemoCredentialsFile()));
        }
        if (!configured.hasOperatorAccess()) {
            throw new IllegalStateException("No operator credentials configured. Set"
                    + " jm.job.master.security.users[0].name, .password (a bcrypt hash) and .role (OPERATOR or"
                    + " VIEWER), or jm.job.master.security.tokens[0].token and .role. Only the embedded H2 demo"
                    + " runs without them.");
        }
        if (!configured.hasNodeAccess()) {
            throw new IllegalStateException("No node token configured. Set jm.job.master.security.node-token to a"
                    + " random secret of at least 32 characters (or node-tokens[0].token and .groups for tokens"
                    + " scoped to groups), and give the same value to the nodes as jm.job.client.token.");
        }
        return configured;
    }
}
