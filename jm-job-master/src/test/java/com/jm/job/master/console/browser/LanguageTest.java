package com.jm.job.master.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** English and Chinese, switched on any page and kept while moving between pages. */
class LanguageTest extends ConsoleBrowserTest {

    @Test
    void switchesToChineseAndBack() {
        signInAsOperator();
        assertThat(textOf(By.id("nav-tasks"))).isEqualTo("Tasks");

        find(By.id("lang-zh")).click();
        waitForText(By.id("nav-tasks"), "任务");
        assertThat(textOf(By.tagName("h1"))).isEqualTo("概览");
        assertThat(find(By.tagName("html")).getAttribute("lang")).isEqualTo("zh");

        find(By.id("nav-nodes")).click();
        waitForText(By.tagName("h1"), "节点");

        find(By.id("lang-en")).click();
        waitForText(By.tagName("h1"), "Nodes");
        assertThat(textOf(By.id("nav-tasks"))).isEqualTo("Tasks");
    }
}
