package com.jm.job.master.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.OperatorApiTest;
import com.jm.job.master.support.TestSecurity;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The console's language choice (its cookie, else the browser's Accept-Language) also decides the
 * language of the API's validation problems: the same bad task in Chinese with the Chinese cookie,
 * in English without it, and never in a third language. Nothing is written either way.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class ApiLanguageTest extends OperatorApiTest {

    private static final Cookie CHINESE = new Cookie("jmjob-lang", "zh-CN");

    private String badTask() {
        return "{\"name\":\"\",\"beanName\":\"9lives\",\"groupId\":" + groupId + "}";
    }

    @Test
    void withTheChineseCookieTheProblemIsInChinese() throws Exception {
        postBadTask(post("/api/tasks").cookie(CHINESE))
                .andExpect(jsonPath("$.title").value("请求无效"))
                .andExpect(jsonPath("$.errors[0].field").value("beanName"))
                .andExpect(jsonPath("$.errors[0].message").value(startsWith("beanName 必须是 Spring bean 名称")))
                .andExpect(jsonPath("$.errors[1].message").value("name 不能为空"));
    }

    @Test
    void withoutItTheSameProblemIsInEnglish() throws Exception {
        postBadTask(post("/api/tasks"))
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.errors[0].message").value(startsWith("beanName must be a Spring bean name")))
                .andExpect(jsonPath("$.errors[1].message").value("name must not be blank"));
    }

    @Test
    void aBrowserAskingForChineseGetsChineseAndTheCookieWinsOverIt() throws Exception {
        postBadTask(post("/api/tasks").header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"))
                .andExpect(jsonPath("$.errors[1].message").value("name 不能为空"));
        postBadTask(post("/api/tasks")
                        .header("Accept-Language", "zh-CN,zh;q=0.9")
                        .cookie(new Cookie("jmjob-lang", "en")))
                .andExpect(jsonPath("$.errors[1].message").value("name must not be blank"));
    }

    @Test
    void aLanguageTheMasterHasNoWordsForGetsEnglishNotHibernateValidatorsOwn() throws Exception {
        // Hibernate Validator has French messages; the master has none, so French would mix.
        postBadTask(post("/api/tasks").cookie(new Cookie("jmjob-lang", "fr")))
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.errors[1].message").value("name must not be blank"));
    }

    private ResultActions postBadTask(MockHttpServletRequestBuilder request) throws Exception {
        ResultActions result = send(request, badTask()).andExpect(status().isBadRequest());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .isZero();
        return result;
    }
}
