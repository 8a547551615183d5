package com.jm.job.master.store;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/**
 * The claim, as three statements in one READ COMMITTED transaction on the primary: lock up to n due
 * tasks (skipping rows other claimers hold), insert their run rows, mark them running under a lease
 * ({@link LeaseMapper#grant}). Two claimers can never lock the same row, so no task is handed out
 * twice.
 */
@Mapper
public interface ClaimMapper {

    /**
     * Locks due, enabled, pending tasks of a group that the node may run, highest priority first,
     * then in due order; SKIP LOCKED passes over rows other claims hold. {@code nodeTags} are the
     * node's tags, each written {@code ",tag,"} (see {@link com.jm.job.master.domain.Tags}).
     */
    List<ClaimCandidate> lockDue(
            @Param("groupId") long groupId,
            @Param("nodeId") long nodeId,
            @Param("nodeTags") List<String> nodeTags,
            @Param("limit") int limit);

    /**
     * Locks those of {@code ids} that are still due, enabled and pending: the claim of candidates
     * taken from the pending index. Only this poll took these ids from the index, so locking all of
     * them (no index serves this ORDER BY) costs nobody a wait. Ordered as {@link #lockDue}.
     */
    List<ClaimCandidate> lockCandidates(
            @Param("groupId") long groupId,
            @Param("nodeId") long nodeId,
            @Param("nodeTags") List<String> nodeTags,
            @Param("ids") List<Long> ids);

    /** Of {@code ids}, the tasks that are pending and enabled, to put back into the index. */
    List<PendingEntry> pendingAmong(@Param("ids") List<Long> ids);

    /** Every claimable pending task: what a rebuild of the index starts from. */
    List<PendingEntry> allPending();

    /** One multi-row insert of RUNNING run rows; sets each candidate's {@code runId}. */
    void insertRuns(@Param("nodeId") long nodeId, @Param("candidates") List<ClaimCandidate> candidates);

    /**
     * The same insert on MariaDB, from the locked tasks {@code taskIds} ({@code INSERT … SELECT …
     * RETURNING}): the statement text does not grow with the batch. Defined for MariaDB only; see
     * {@link SqlDialects#returnsInsertedRows}.
     */
    List<ClaimedRun> insertRunsReturning(@Param("nodeId") long nodeId, @Param("taskIds") Batch<Long> taskIds);

    /** Microseconds until the next task of the group that the node may run is due (negative: overdue), or null if none. */
    Long microsUntilNextDue(
            @Param("groupId") long groupId, @Param("nodeId") long nodeId, @Param("nodeTags") List<String> nodeTags);
}
