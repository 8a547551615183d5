package com.jm.job.master.alarm;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.AlarmDeliveryRecord;
import com.jm.job.master.domain.AlarmRuleRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Mails the alarm through Spring's mail support ({@code spring.mail.*}). Without a mail server
 * configured there is no {@link JavaMailSender}: rules cannot choose mail then, and a delivery of
 * an older rule fails with that reason.
 */
class MailSender implements AlarmSender {

    private final ObjectProvider<JavaMailSender> mail;
    private final JmJobMasterProperties properties;

    MailSender(ObjectProvider<JavaMailSender> mail, JmJobMasterProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    boolean configured() {
        return mail.getIfAvailable() != null;
    }

    @Override
    public void send(AlarmRuleRecord rule, AlarmDeliveryRecord delivery) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("mail is not configured on this master (spring.mail.host)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.getAlarms().getMailFrom());
        message.setTo(rule.getMailTo().split(","));
        message.setSubject(AlarmMessage.subject(delivery));
        message.setText(AlarmMessage.text(delivery) + "\n\nrule " + rule.getId() + " '" + rule.getName()
                + "', delivery " + delivery.getId() + "\n");
        sender.send(message);
    }
}
