package com.jm.job.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jm.job.apiclient.generated.ApiClient;
import com.jm.job.apiclient.generated.ApiException;
import com.jm.job.apiclient.generated.api.GroupsApi;
import com.jm.job.apiclient.generated.api.NodeProtocolApi;
import com.jm.job.apiclient.generated.api.RunsApi;
import com.jm.job.apiclient.generated.api.TasksApi;
import com.jm.job.apiclient.generated.model.FinishRequest;
import com.jm.job.apiclient.generated.model.GroupRequest;
import com.jm.job.apiclient.generated.model.GroupView;
import com.jm.job.apiclient.generated.model.PollRequest;
import com.jm.job.apiclient.generated.model.PollResponse;
import com.jm.job.apiclient.generated.model.Problem;
import com.jm.job.apiclient.generated.model.RegisterRequest;
import com.jm.job.apiclient.generated.model.RegisterResponse;
import com.jm.job.apiclient.generated.model.RunOutcome;
import com.jm.job.apiclient.generated.model.RunView;
import com.jm.job.apiclient.generated.model.TaskAssignment;
import com.jm.job.apiclient.generated.model.TaskRequest;
import com.jm.job.apiclient.generated.model.TaskView;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Java client generated from the committed docs/openapi.json drives a real master through the
 * seed's operations (create, disable, enable, retry, history) and the node protocol that runs the
 * task in between. Renaming an operation, a field or a type in the document breaks this at compile
 * time; changing what the master answers without the document breaks it at run time (and the
 * master's OpenApiDocumentTest breaks when the document and the master part).
 */
class GeneratedClientTest {

    private static ApiClient operator;
    private static ApiClient node;

    @BeforeAll
    static void clients() {
        MasterProcess master = MasterProcess.shared();
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString((MasterProcess.OPERATOR + ":" + MasterProcess.OPERATOR_PASSWORD)
                                .getBytes(StandardCharsets.UTF_8));
        operator = new ApiClient();
        operator.updateBaseUri(master.url());
        operator.setRequestInterceptor(request -> request.header("Authorization", basic));
        node = new ApiClient();
        node.updateBaseUri(master.url());
        node.setRequestInterceptor(request -> request.header("X-JmJob-Node-Token", MasterProcess.NODE_TOKEN));
    }

    @Test
    void createDisableEnableRetryAndHistory() throws Exception {
        TasksApi tasks = new TasksApi(operator);
        String groupName = "client-" + UUID.randomUUID().toString().substring(0, 8);
        GroupView group = new GroupsApi(operator).createGroup(new GroupRequest().name(groupName));

        TaskView created = tasks.createTask(
                new TaskRequest().name("generated client").beanName("clientJob").groupId(group.getId()));
        assertThat(created.getStatus()).isEqualTo(TaskView.StatusEnum.PENDING);
        assertThat(created.getGroupId()).isEqualTo(group.getId());

        assertThat(tasks.disableTask(created.getId()).getDisabled()).isTrue();
        ApiException refused = catchThrowableOfType(ApiException.class, () -> tasks.retryTask(created.getId()));
        assertThat(refused.getCode()).isEqualTo(409);
        assertThat(problem(refused).getDetail()).contains("disabled");
        assertThat(tasks.enableTask(created.getId()).getDisabled()).isFalse();

        NodeProtocolApi protocol = new NodeProtocolApi(node);
        RegisterResponse registered = protocol.registerNode(new RegisterRequest()
                .group(groupName)
                .ip("127.0.0.1")
                .instance("generated-client")
                .threads(1));
        Map<String, String> session = Map.of("X-JmJob-Node-Session", registered.getSessionToken());

        TaskAssignment first = pollOne(protocol, registered, session);
        assertThat(first.getTaskId()).isEqualTo(created.getId());
        finish(protocol, registered, session, first, RunOutcome.ResultEnum.FAILED);
        assertThat(tasks.getTask(created.getId()).getStatus()).isEqualTo(TaskView.StatusEnum.ERROR);

        assertThat(tasks.retryTask(created.getId()).getStatus()).isEqualTo(TaskView.StatusEnum.PENDING);
        TaskAssignment second = pollOne(protocol, registered, session);
        finish(protocol, registered, session, second, RunOutcome.ResultEnum.SUCCEEDED);

        List<RunView> history =
                new RunsApi(operator).listTaskRuns(created.getId(), 0, 20).getItems();
        assertThat(history).extracting(RunView::getId).containsExactly(second.getRunId(), first.getRunId());
        assertThat(history)
                .extracting(RunView::getState)
                .containsExactly(RunView.StateEnum.SUCCEEDED, RunView.StateEnum.FAILED);
        assertThat(history)
                .extracting(RunView::getTrigger)
                .containsExactly(RunView.TriggerEnum.MANUAL, RunView.TriggerEnum.INSERT);
        assertThat(tasks.getTask(created.getId()).getStatus()).isEqualTo(TaskView.StatusEnum.NOT_STARTED);
    }

    @Test
    void errorsArriveAsProblems() {
        ApiException missing = catchThrowableOfType(ApiException.class, () -> new TasksApi(operator).getTask(999_999L));
        assertThat(missing.getCode()).isEqualTo(404);
        assertThat(problem(missing).getStatus()).isEqualTo(404);
        assertThat(problem(missing).getDetail()).isEqualTo("no task with id 999999");

        ApiException invalid = catchThrowableOfType(
                ApiException.class, () -> new TasksApi(operator).createTask(new TaskRequest().name("no bean")));
        assertThat(invalid.getCode()).isEqualTo(400);
        assertThat(problem(invalid).getErrors()).extracting(e -> e.getField()).containsExactly("beanName", "groupId");
    }

    private static TaskAssignment pollOne(
            NodeProtocolApi protocol, RegisterResponse registered, Map<String, String> session) throws ApiException {
        PollResponse polled = protocol.pollTasks(
                new PollRequest().nodeId(registered.getNodeId()).maxTasks(1).waitMillis(10_000L), session);
        assertThat(polled.getTasks()).hasSize(1);
        return polled.getTasks().get(0);
    }

    private static void finish(
            NodeProtocolApi protocol,
            RegisterResponse registered,
            Map<String, String> session,
            TaskAssignment run,
            RunOutcome.ResultEnum result)
            throws ApiException {
        assertThat(protocol.finishRuns(
                                new FinishRequest()
                                        .nodeId(registered.getNodeId())
                                        .outcomes(List.of(new RunOutcome()
                                                .runId(run.getRunId())
                                                .result(result)
                                                .message("from the generated client")
                                                .durationMillis(5L))),
                                session)
                        .getAcknowledged())
                .containsExactly(run.getRunId());
    }

    private static Problem problem(ApiException e) {
        try {
            return new ObjectMapper().findAndRegisterModules().readValue(e.getResponseBody(), Problem.class);
        } catch (Exception parse) {
            throw new AssertionError("not a problem body: " + e.getResponseBody(), parse);
        }
    }
}
