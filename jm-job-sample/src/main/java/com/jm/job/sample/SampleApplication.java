package com.jm.job.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A worker app as users write one: the jm-job starter on the class path, two properties in {@code
 * application.yml}, and job handler beans. It keeps running as long as the node does.
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
