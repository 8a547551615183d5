package com.jm.job.master.security;

/**
 * A sign-in with a user name and password that was checked and refused, published for the audit
 * trail. Throttled attempts are not published: they check nothing, and an attacker could otherwise
 * fill the trail at request rate.
 *
 * @param name the user name presented (whether or not such a user exists)
 * @param address the client address
 * @param reason {@code unknown user} or {@code wrong password}
 */
public record SignInFailed(String name, String address, String reason) {}
