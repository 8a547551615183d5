package com.jm.job.master.security;

import com.jm.job.master.config.JmJobMasterProperties;
import java.time.Clock;
import java.time.Duration;

/**
 * Failed-sign-in back-off by user name and by client address. An attempt goes ahead only when
 * neither is waiting; the address's wait grows long (it stops one guesser), the user's stays short
 * (an attacker elsewhere cannot lock the real user out for long).
 */
final class LoginThrottle {

    private final FailureBackoff users;
    private final FailureBackoff addresses;

    LoginThrottle(JmJobMasterProperties.LoginThrottle settings, Clock clock) {
        this.users = new FailureBackoff(
                settings.getFreeFailuresPerUser(),
                settings.getBaseDelay(),
                settings.getMaxDelayPerUser(),
                settings.getForgetAfter(),
                settings.getMaxTracked(),
                clock);
        this.addresses = new FailureBackoff(
                settings.getFreeFailuresPerAddress(),
                settings.getBaseDelay(),
                settings.getMaxDelayPerAddress(),
                settings.getForgetAfter(),
                settings.getMaxTracked(),
                clock);
    }

    /**
     * @return {@code null} when the attempt may check its password (it counts as a failure until
     *     {@link #succeeded}), else how long the caller must wait
     */
    Duration tryAcquire(String user, String address) {
        Duration wait = addresses.tryAcquire(address);
        if (wait != null) {
            return wait;
        }
        wait = users.tryAcquire(user);
        if (wait != null) {
            // Not checked, so not a failure of this address either.
            addresses.succeeded(address, false);
        }
        return wait;
    }

    /** The password was right: the user's failures are forgotten, the address's attempt taken back. */
    void succeeded(String user, String address) {
        users.succeeded(user, true);
        addresses.succeeded(address, false);
    }
}
