package com.jm.job.master.support;

import com.jm.job.master.alarm.AlarmRuleDefinition;
import com.jm.job.master.domain.AlarmChannel;
import com.jm.job.master.domain.AlarmEvent;
import com.jm.job.master.domain.AlarmScope;
import com.jm.job.master.domain.GroupRecord;
import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.domain.Trigger;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.TaskMapper;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Rows for tests, written through the real mappers. */
public final class Fixtures {

    private Fixtures() {}

    public static GroupRecord group(GroupMapper groups) {
        GroupRecord group = new GroupRecord();
        group.setName("group-" + UUID.randomUUID());
        groups.insert(group);
        return group;
    }

    /** A one-shot task, pending now. */
    public static TaskRecord pendingTask(TaskMapper tasks, long groupId, String name) {
        TaskRecord task = new TaskRecord();
        task.setGroupId(groupId);
        task.setName(name);
        task.setBeanName("helloJob");
        task.setStatus(TaskStatus.PENDING);
        task.setPendingCause(Trigger.INSERT);
        tasks.insert(task);
        return tasks.findById(task.getId());
    }

    /**
     * A webhook rule about every run that fails; on an update, a null secret keeps the stored one
     * (the template stays the service's default).
     */
    public static AlarmRuleDefinition webhookRule(
            String name, String url, Map<String, String> headers, String hmac, Integer version) {
        return new AlarmRuleDefinition(
                name,
                AlarmScope.ALL,
                null,
                Set.of(AlarmEvent.RUN_FAILED),
                null,
                null,
                0,
                AlarmChannel.WEBHOOK,
                url,
                null,
                headers,
                hmac,
                null,
                true,
                version);
    }
}
