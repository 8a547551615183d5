package com.jm.job.master.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class JmJobMasterPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Enabled.class);

    @Test
    void aMessageLimitBeyondTheColumnsFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("jm.job.master.message-max-length=5000")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("messageMaxLength"));
    }

    @Test
    void theDefaultsAreValid() {
        runner.run(context -> assertThat(
                        context.getBean(JmJobMasterProperties.class).getMessageMaxLength())
                .isEqualTo(2000));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(JmJobMasterProperties.class)
    static class Enabled {}
}
