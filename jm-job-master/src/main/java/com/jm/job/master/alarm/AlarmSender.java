package com.jm.job.master.alarm;

import com.jm.job.master.domain.AlarmDeliveryRecord;
import com.jm.job.master.domain.AlarmRuleRecord;

/** Sends one alarm through one kind of channel; throws when the receiver did not take it. */
interface AlarmSender {

    void send(AlarmRuleRecord rule, AlarmDeliveryRecord delivery) throws Exception;
}
