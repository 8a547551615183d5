package com.jm.job.master.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * English and Chinese, switched on any page and kept while moving between pages; every message a
 * template names, and every key of either bundle, is in both.
 */
class LanguageTest extends ConsoleBrowserTest {

    /** A message named literally in a template: {@code #{alarms.title}}, {@code #{task.title(${id})}}. */
    private static final Pattern MESSAGE = Pattern.compile("#\\{([A-Za-z0-9_.]+)[}(]");

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

    @Test
    void everyMessageIsInBothLanguages() throws IOException {
        Properties english = bundle("i18n/console.properties");
        Properties chinese = bundle("i18n/console_zh.properties");
        assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());

        Set<String> named = new TreeSet<>();
        for (Resource template :
                new PathMatchingResourcePatternResolver().getResources("classpath:templates/console/*.html")) {
            Matcher m = MESSAGE.matcher(template.getContentAsString(StandardCharsets.UTF_8));
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(named).contains("alarms.title", "alarmForm.secretSet");
        assertThat(english.stringPropertyNames()).containsAll(named);
    }

    private static Properties bundle(String path) throws IOException {
        Properties messages = new Properties();
        try (Reader in = new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8)) {
            messages.load(in);
        }
        return messages;
    }
}
