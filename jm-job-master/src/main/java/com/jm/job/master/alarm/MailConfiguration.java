package com.jm.job.master.alarm;

import com.jm.job.master.config.JmJobMasterProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** The mail channel, there even with alarms off so rules can still be checked and stored. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    MailSender alarmMailSender(ObjectProvider<JavaMailSender> mail, JmJobMasterProperties properties) {
        return new MailSender(mail, properties);
    }
}
