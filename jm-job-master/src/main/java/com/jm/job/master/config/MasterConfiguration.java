package com.jm.job.master.config;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the master's parts share. */
@Configuration(proxyBeanMethods = false)
class MasterConfiguration {

    /** UTC, like every time the master stores; tests replace it to control time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
