package com.jm.job.master.domain;

import com.jm.job.common.protocol.NodeApi;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Tags of nodes and tasks as stored: sorted, without duplicates, as {@code ",a,b,"} (NULL for
 * none). The commas on both sides let a statement test one tag with {@code LOCATE(',a,', tags)} and
 * a subset by removing the node's tags one by one, with no wildcard in a tag to escape.
 */
public final class Tags {

    /** What a tag may look like, for tasks as for nodes. */
    public static final String PATTERN = NodeApi.TAG_PATTERN;

    public static final String MESSAGE = NodeApi.TAG_RULE;

    private Tags() {}

    /** The stored form of {@code tags}, or null for none. */
    public static String stored(Collection<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return null;
        }
        return "," + String.join(",", new TreeSet<>(tags)) + ",";
    }

    /** The tags of a stored value, sorted; empty for none. */
    public static List<String> list(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).filter(t -> !t.isEmpty()).toList();
    }

    /** Whether a node with {@code nodeTags} (stored form) may run a task with {@code taskTags}. */
    public static boolean covers(String nodeTags, String taskTags) {
        return list(nodeTags).containsAll(list(taskTags));
    }
}
