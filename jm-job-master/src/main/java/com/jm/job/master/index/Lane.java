package com.jm.job.master.index;

/**
 * One queue of a group's pending tasks. Most tasks wait in the group's own lane, which any node of
 * the group takes from. A broadcast fire's run for one node waits in that node's lane, and a task
 * with tags in the lane of its tags, which only nodes that have all of them take from. So a poll
 * never takes (and puts back) work it may not claim: a node never spins on a broadcast run of
 * another node or on a task whose tags it lacks.
 *
 * @param groupId the group
 * @param nodeId the one node that may take from the lane, or null
 * @param tags the tags (stored form, see {@link com.jm.job.master.domain.Tags}) a node needs, or null
 */
public record Lane(long groupId, Long nodeId, String tags) {

    public Lane {
        if (nodeId != null && tags != null) {
            throw new IllegalArgumentException("a lane is for one node or for some tags, not both");
        }
    }

    /** The group's own lane. */
    public static Lane group(long groupId) {
        return new Lane(groupId, null, null);
    }

    /** The lane of the task as its row says: its target node's, its tags', or the group's. */
    public static Lane of(long groupId, Long targetNodeId, String tags) {
        if (targetNodeId != null) {
            return new Lane(groupId, targetNodeId, null);
        }
        return new Lane(groupId, null, tags);
    }

    /** The part of a store key after the group: empty for the group's own lane. */
    String suffix() {
        if (nodeId != null) {
            return ":n" + nodeId;
        }
        return tags == null ? "" : ":t" + tags;
    }
}
