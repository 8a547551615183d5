package com.jm.job.master.domain;

/** The shape of a webhook's body: jm-job's own, or what a chat tool's incoming webhook accepts. */
public enum WebhookTemplate {
    GENERIC,
    SLACK,
    DINGTALK,
    FEISHU,
    WECOM
}
