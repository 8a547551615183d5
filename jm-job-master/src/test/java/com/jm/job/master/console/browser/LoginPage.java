package com.jm.job.master.console.browser;

import org.openqa.selenium.By;

/** The sign-in form. */
final class LoginPage {

    private final ConsoleBrowserTest test;

    LoginPage(ConsoleBrowserTest test) {
        this.test = test;
    }

    void signIn(String user, String password) {
        test.find(By.id("username")).sendKeys(user);
        test.find(By.id("password")).sendKeys(password);
        test.find(By.id("sign-in")).click();
    }
}
