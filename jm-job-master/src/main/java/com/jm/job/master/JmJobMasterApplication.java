package com.jm.job.master;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The jm-job master: operators' REST API, the node protocol and the task store. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class JmJobMasterApplication {

    public static void main(String[] args) {
        SpringApplication.run(JmJobMasterApplication.class, args);
    }
}
