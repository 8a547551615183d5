package com.jm.job.master.hostile;

/**
 * The rows hostile requests aim at, created once before the cases run.
 *
 * @param groupId an existing group
 * @param idleTaskId a cron task waiting for its slot (any operator write on it would succeed)
 * @param runningTaskId a task the other node is running
 * @param runId the other node's run of that task
 * @param nodeId the node the node-API cases speak as
 * @param session that node's session secret
 * @param otherNodeId a second node of the same group
 * @param otherSession the second node's session secret
 * @param alarmRuleId an existing webhook alarm rule
 */
record HostileTarget(
        long groupId,
        long idleTaskId,
        long runningTaskId,
        long runId,
        long nodeId,
        String session,
        long otherNodeId,
        String otherSession,
        long alarmRuleId) {

    /** Name of the fixture group, which both nodes joined. */
    static final String GROUP = "hostile-fixtures";
}
