package com.jm.job.master.security;

import com.jm.job.master.config.JmJobMasterProperties;
import java.util.List;
import java.util.Map;

/**
 * The credentials the master accepts, checked at start: users (name → bcrypt hash and role), bearer
 * tokens (token → name and role) and the node tokens.
 *
 * @param users sign-in name to user
 * @param tokens token to its holder
 * @param nodeToken the node token for every group, or null
 * @param scopedNodeTokens node tokens with the groups each may join
 * @param scrapeToken the bearer token that may read the Prometheus endpoint only, or null
 */
public record Credentials(
        Map<String, User> users,
        Map<String, Holder> tokens,
        String nodeToken,
        Map<String, NodeTokenScope> scopedNodeTokens,
        String scrapeToken) {

    /** A user: bcrypt hash (with its {@code {bcrypt}} prefix) and role. */
    public record User(String passwordHash, Role role) {}

    /** Who a bearer token stands for. */
    public record Holder(String name, Role role) {}

    static final int MIN_TOKEN_LENGTH = 32;

    public boolean hasOperatorAccess() {
        return !users.isEmpty() || !tokens.isEmpty();
    }

    public boolean hasNodeAccess() {
        return nodeToken != null || !scopedNodeTokens.isEmpty();
    }

    /** Every accepted node token with the groups it covers. */
    public Map<String, NodeTokenScope> nodeTokenScopes() {
        Map<String, NodeTokenScope> all = new java.util.LinkedHashMap<>(scopedNodeTokens);
        if (nodeToken != null) {
            all.put(nodeToken, NodeTokenScope.ALL);
        }
        return all;
    }

    /** Reads and checks the configured credentials; a mistake stops the start with its property name. */
    static Credentials from(JmJobMasterProperties.Security security) {
        Map<String, User> users = new java.util.LinkedHashMap<>();
        List<JmJobMasterProperties.User> configuredUsers = security.getUsers();
        for (int i = 0; i < configuredUsers.size(); i++) {
            JmJobMasterProperties.User u = configuredUsers.get(i);
            String prefix = "jm.job.master.security.users[" + i + "]";
            if (u.getName() == null || u.getName().isBlank()) {
                throw new IllegalStateException(prefix + ".name must be set");
            }
            users.put(
                    u.getName(),
                    new User(bcrypt(u.getPassword(), prefix + ".password"), Role.parse(u.getRole(), prefix + ".role")));
        }
        Map<String, Holder> tokens = new java.util.HashMap<>();
        List<JmJobMasterProperties.Token> configuredTokens = security.getTokens();
        for (int i = 0; i < configuredTokens.size(); i++) {
            JmJobMasterProperties.Token t = configuredTokens.get(i);
            String prefix = "jm.job.master.security.tokens[" + i + "]";
            requireLongSecret(t.getToken(), prefix + ".token");
            String name = t.getName() == null || t.getName().isBlank() ? "token-" + i : t.getName();
            tokens.put(t.getToken(), new Holder(name, Role.parse(t.getRole(), prefix + ".role")));
        }
        String nodeToken = security.getNodeToken();
        if (nodeToken != null && !nodeToken.isEmpty()) {
            requireLongSecret(nodeToken, "jm.job.master.security.node-token");
        } else {
            nodeToken = null;
        }
        Map<String, NodeTokenScope> scoped = new java.util.LinkedHashMap<>();
        List<JmJobMasterProperties.NodeToken> configuredNodeTokens = security.getNodeTokens();
        for (int i = 0; i < configuredNodeTokens.size(); i++) {
            JmJobMasterProperties.NodeToken t = configuredNodeTokens.get(i);
            String prefix = "jm.job.master.security.node-tokens[" + i + "]";
            requireLongSecret(t.getToken(), prefix + ".token");
            if (t.getGroups() == null
                    || t.getGroups().isEmpty()
                    || t.getGroups().stream().anyMatch(g -> g == null || g.isBlank())) {
                throw new IllegalStateException(prefix + ".groups must list the group names it may join, or * for all");
            }
            scoped.put(
                    t.getToken(),
                    t.getGroups().contains(NodeTokenScope.ANY_GROUP)
                            ? NodeTokenScope.ALL
                            : new NodeTokenScope(false, java.util.Set.copyOf(t.getGroups())));
        }
        String scrapeToken = security.getScrapeToken();
        if (scrapeToken != null && !scrapeToken.isEmpty()) {
            requireLongSecret(scrapeToken, "jm.job.master.security.scrape-token");
            if (tokens.containsKey(scrapeToken)) {
                // One secret for two roles would make the scrape token an operator's or viewer's.
                throw new IllegalStateException(
                        "jm.job.master.security.scrape-token must differ from every jm.job.master.security.tokens[*].token");
            }
        } else {
            scrapeToken = null;
        }
        return new Credentials(Map.copyOf(users), Map.copyOf(tokens), nodeToken, Map.copyOf(scoped), scrapeToken);
    }

    private static String bcrypt(String hash, String property) {
        if (hash == null || hash.isBlank()) {
            throw new IllegalStateException(property + " must be set to a bcrypt hash of the password");
        }
        String bare = hash.startsWith("{bcrypt}") ? hash.substring("{bcrypt}".length()) : hash;
        if (!bare.matches("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}")) {
            throw new IllegalStateException(property + " must be a bcrypt hash ($2a$10$...), not a plain password;"
                    + " create one with: htpasswd -bnBC 10 \"\" 'your-password' | tr -d ':\\n'");
        }
        return "{bcrypt}" + bare;
    }

    private static void requireLongSecret(String secret, String property) {
        if (secret == null || secret.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalStateException(
                    property + " must be at least " + MIN_TOKEN_LENGTH + " characters (a random secret)");
        }
    }
}
