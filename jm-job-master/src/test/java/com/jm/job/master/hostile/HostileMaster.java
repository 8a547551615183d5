package com.jm.job.master.hostile;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The master the hostile tests run against: the whole application on MariaDB, MockMvc without
 * default credentials, and an operator's bearer token ({@link Endpoint#OPERATOR_TOKEN}) beside the
 * test users (a Basic login costs a bcrypt check per request; a token costs nothing), and no
 * sign-in throttling.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "jm.job.master.security.tokens[0].name=hostile-operator",
            "jm.job.master.security.tokens[0].token=" + Endpoint.OPERATOR_TOKEN,
            "jm.job.master.security.tokens[0].role=OPERATOR",
            // The credential cases send hundreds of wrong passwords from one address; throttled they
            // would be 429s. HostileThrottleTest covers the throttle's refusal.
            "jm.job.master.security.login-throttle.free-failures-per-user=1000000",
            "jm.job.master.security.login-throttle.free-failures-per-address=1000000"
        })
@AutoConfigureMockMvc
@interface HostileMaster {}
