package com.jm.job.master.store;

import com.jm.job.master.domain.AlarmDeliveryRecord;
import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.domain.DeliveryState;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Reads and writes the alarm tables: rules, deliveries (one per event a rule matched), silences. */
@Mapper
public interface AlarmMapper {

    void insertRule(AlarmRuleRecord rule);

    /** Replaces a rule's settings; 0 rows when it does not exist (or, with a version, is stale). */
    int updateRule(@Param("rule") AlarmRuleRecord rule, @Param("expectedVersion") Integer expectedVersion);

    int deleteRule(long id);

    AlarmRuleRecord findRule(long id);

    List<AlarmRuleRecord> listRules(@Param("offset") long offset, @Param("limit") int limit);

    long countRules();

    List<AlarmRuleRecord> enabledRules();

    /** Every webhook rule (the rules with secrets), for the upgrade of their stored form. */
    List<AlarmRuleRecord> webhookRules();

    /**
     * Writes a rule's secrets in another stored form (the same values, encrypted anew), only while
     * they are still as read: a change made meanwhile is never overwritten. Not a change of the
     * rule: its version stays.
     */
    int resealRule(@Param("old") AlarmRuleRecord old, @Param("now") AlarmRuleRecord now);

    /**
     * Records events, each once per rule and event key whichever master sees it first: a key seen
     * before inserts nothing. Answers how many rows were new.
     */
    int insertEvents(@Param("events") List<AlarmDeliveryRecord> events);

    List<AlarmDeliveryRecord> listDeliveries(
            @Param("ruleId") Long ruleId,
            @Param("state") DeliveryState state,
            @Param("offset") long offset,
            @Param("limit") int limit);

    long countDeliveries(@Param("ruleId") Long ruleId, @Param("state") DeliveryState state);

    /** Due deliveries, locked; rows another master has locked are skipped, not waited for. */
    List<AlarmDeliveryRecord> lockDue(@Param("limit") int limit);

    /** Makes sure the silence row of a rule and subject exists, so it can be locked. */
    void ensureSilence(@Param("ruleId") long ruleId, @Param("subject") String subject);

    /** Locks the silence row; true when the rule sent for the subject within {@code silenceMs}. */
    boolean lockSilenced(
            @Param("ruleId") long ruleId, @Param("subject") String subject, @Param("silenceMs") long silenceMs);

    void markSent(@Param("ruleId") long ruleId, @Param("subject") String subject);

    void silence(@Param("ids") List<Long> ids);

    /** Claims locked deliveries for this master: SENDING until the lease lapses, one attempt more. */
    void claim(@Param("ids") List<Long> ids, @Param("leaseMs") long leaseMs, @Param("master") String master);

    /** The claimed delivery, with the names its message shows. */
    AlarmDeliveryRecord findDelivery(long id);

    int delivered(@Param("id") long id, @Param("attempts") int attempts);

    int retryLater(
            @Param("id") long id,
            @Param("attempts") int attempts,
            @Param("delayMs") long delayMs,
            @Param("error") String error);

    int failed(@Param("id") long id, @Param("attempts") int attempts, @Param("error") String error);

    /** Puts back deliveries whose sender's lease lapsed (its master died mid-send). */
    int releaseLapsed();

    /** Deliveries that finished (DELIVERED, FAILED, SILENCED) before the retention, oldest first. */
    List<Long> finishedDeliveriesBefore(@Param("retentionSeconds") long retentionSeconds, @Param("limit") int limit);

    int deleteDeliveries(@Param("ids") List<Long> ids);

    /**
     * Forgets when a rule last sent for a subject once that is older than the retention and the
     * rule's silence window both: the row says nothing any more (a subject whose task is gone).
     */
    int deleteSilencesBefore(@Param("retentionSeconds") long retentionSeconds);

    /** The runs after {@code afterId}, for lateness: id, task, group, due and start times. */
    List<RunStart> runsAfter(@Param("afterId") long afterId, @Param("limit") int limit);

    Long maxRunId();

    /** Groups with no node online, with when a node was last seen (or the group created). */
    List<GroupSilence> groupsWithoutNodes(@Param("offlineAfterMs") long offlineAfterMs);
}
