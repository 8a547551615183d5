package com.jm.job.master.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.audit.AuditTrail;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.errors.ConflictException;
import com.jm.job.master.errors.NotFoundException;
import com.jm.job.master.errors.ProblemWriter;
import com.jm.job.master.service.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The problem bodies of the task endpoints: each bad request gets a real status and a detail that
 * names the field or rule, and never reaches the service (so nothing is written).
 */
@WebMvcTest(TaskController.class)
// Controller behaviour only: security's own answers are tested against the whole application.
@AutoConfigureMockMvc(addFilters = false)
@Import({PageParams.class, ProblemWriter.class})
@EnableConfigurationProperties(JmJobMasterProperties.class)
class TaskControllerProblemTest {

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    TaskService tasks;

    @MockitoBean
    AuditTrail audit;

    private ResultActions postTask(String body) throws Exception {
        return mvc.perform(
                post("/api/tasks").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void missingRequiredFieldsAreNamed() throws Exception {
        postTask("{}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("beanName", "groupId", "name")))
                .andExpect(jsonPath("$.detail").value(containsString("groupId must not be null")));
        verify(tasks, never()).insert(anyLong(), any());
    }

    @Test
    void truncatedJsonIsRejected() throws Exception {
        postTask("{\"name\": \"a\", ")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value("the request body is not valid JSON"));
        verify(tasks, never()).insert(anyLong(), any());
    }

    @Test
    void wrongTypeNamesTheField() throws Exception {
        postTask("{\"name\":\"a\",\"beanName\":\"b\",\"groupId\":\"seven\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("field 'groupId' must be a whole number within range"));
    }

    @Test
    void overflowingIdInBodyIsRejected() throws Exception {
        postTask("{\"name\":\"a\",\"beanName\":\"b\",\"groupId\":99999999999999999999999}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("groupId")));
    }

    @Test
    void fractionalNumberForAWholeNumberFieldIsRejectedNotTruncated() throws Exception {
        postTask("{\"name\":\"a\",\"beanName\":\"b\",\"groupId\":1.5}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("field 'groupId' must be a whole number within range"));
        verify(tasks, never()).insert(anyLong(), any());
    }

    @Test
    void unknownFieldIsNamed() throws Exception {
        postTask("{\"name\":\"a\",\"beanName\":\"b\",\"groupId\":1,\"owner\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("unknown field 'owner'")));
    }

    @Test
    void textThatIsNotValidUnicodeIsRefusedNotMangled() throws Exception {
        postTask("{\"name\":\"x\\uD800y\",\"beanName\":\"b\",\"groupId\":1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.detail").value(containsString("lone surrogate")));
        postTask("{\"name\":\"\\uDE00\",\"beanName\":\"b\",\"groupId\":1}").andExpect(status().isBadRequest());
        verify(tasks, never()).insert(anyLong(), any());
        assertThat(UnicodeTextAdvice.hasLoneSurrogate("emoji 😀 and 参")).isFalse();
    }

    @Test
    void beanNameMustLookLikeABeanName() throws Exception {
        postTask("{\"name\":\"a\",\"beanName\":\"#{T(java.lang.Runtime)}\",\"groupId\":1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("beanName"));
    }

    @Test
    void negativeGroupIdIsRejected() throws Exception {
        postTask("{\"name\":\"a\",\"beanName\":\"b\",\"groupId\":-1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("groupId"));
    }

    @Test
    void outOfRangeRetrySettingsAreRejected() throws Exception {
        postTask("{\"name\":\"a\",\"beanName\":\"b\",\"groupId\":1,\"maxRetries\":1000,\"timeoutSeconds\":0}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("maxRetries", "timeoutSeconds")));
    }

    @Test
    void priorityOutsideZeroToNineIsRefusedNamingTheField() throws Exception {
        for (String priority : new String[] {"-1", "10", "128"}) {
            postTask("{\"name\":\"a\",\"beanName\":\"b\",\"groupId\":1,\"priority\":" + priority + "}")
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                    .andExpect(jsonPath("$.errors[0].field").value("priority"))
                    .andExpect(jsonPath("$.errors[0].message").value(containsString("from 0 (the default) to 9")));
            mvc.perform(put("/api/tasks/1")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"name\":\"a\",\"beanName\":\"b\",\"priority\":" + priority + "}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("priority"));
        }
        verify(tasks, never()).insert(anyLong(), any());
        verify(tasks, never()).update(anyLong(), any(), any());
    }

    @Test
    void priorityThatIsNotAWholeNumberIsRefusedNamingTheField() throws Exception {
        for (String priority : new String[] {"1.5", "\"high\"", "true", "[9]", "4294967296"}) {
            postTask("{\"name\":\"a\",\"beanName\":\"b\",\"groupId\":1,\"priority\":" + priority + "}")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value(containsString("field 'priority' must be")));
        }
        verify(tasks, never()).insert(anyLong(), any());
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        mvc.perform(post("/api/tasks").contentType(MediaType.TEXT_PLAIN).content("name=a"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }

    @Test
    void wrongMethodIs405() throws Exception {
        mvc.perform(put("/api/tasks")).andExpect(status().isMethodNotAllowed());
    }

    @Test
    void nonNumericAndOverflowingPathIdsAre400() throws Exception {
        mvc.perform(get("/api/tasks/abc"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"));
        mvc.perform(get("/api/tasks/92233720368547758070"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("whole number")));
    }

    @Test
    void unknownStatusFilterListsTheChoices() throws Exception {
        mvc.perform(get("/api/tasks").param("status", "DONE"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("NOT_STARTED, PENDING, RUNNING, ERROR")));
    }

    @Test
    void pageSizeAboveTheCapIsRefused() throws Exception {
        mvc.perform(get("/api/tasks").param("size", "100000"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("size must be between 1 and 200"));
        mvc.perform(get("/api/tasks").param("page", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
    }

    @Test
    void serviceErrorsMapTo404And409() throws Exception {
        when(tasks.get(5)).thenThrow(NotFoundException.of("task", 5));
        mvc.perform(get("/api/tasks/5"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("no task with id 5"));
        when(tasks.retry(6)).thenThrow(new ConflictException("task 6 is running (run 9); retry it after the run ends"));
        mvc.perform(post("/api/tasks/6/retry"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("is running")));
    }

    @Test
    void unexpectedErrorsLeakNothing() throws Exception {
        when(tasks.get(7)).thenThrow(new IllegalStateException("SELECT secret FROM jm_task"));
        mvc.perform(get("/api/tasks/7"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().string(not(containsString("SELECT"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))));
    }
}
