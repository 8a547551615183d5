package com.jm.job.master.security;

import java.util.Set;

/**
 * The groups a node token lets a node join: all of them (the single {@code node-token}, or a scoped
 * token listing {@code *}), or the listed ones. The node-token filter puts the presented token's
 * scope on the request as {@link #ATTRIBUTE}.
 *
 * @param groups group names, or empty when {@code all}
 */
public record NodeTokenScope(boolean all, Set<String> groups) {

    public static final String ATTRIBUTE = "com.jm.job.master.security.NodeTokenScope";

    public static final NodeTokenScope ALL = new NodeTokenScope(true, Set.of());

    public static final String ANY_GROUP = "*";

    public NodeTokenScope {
        groups = Set.copyOf(groups);
    }

    public boolean covers(String group) {
        return all || groups.contains(group);
    }
}
