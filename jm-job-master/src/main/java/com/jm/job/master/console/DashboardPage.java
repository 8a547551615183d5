package com.jm.job.master.console;

import com.jm.job.master.service.GroupService;
import com.jm.job.master.service.RunActivity;
import com.jm.job.master.web.GroupDetailView;
import com.jm.job.master.web.GroupView;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The first page: every group with its online nodes and pending, running and failed tasks; the
 * runs of the last hour per minute with their failure rate; the latest failures.
 */
@Controller
class DashboardPage {

    static final int FAILURES_SHOWN = 10;

    private final GroupService groupService;
    private final ConsoleGroups groups;
    private final RunActivity activity;

    DashboardPage(GroupService groupService, ConsoleGroups groups, RunActivity activity) {
        this.groupService = groupService;
        this.groups = groups;
        this.activity = activity;
    }

    @GetMapping("/console")
    String show(Model model) {
        List<GroupDetailView> summaries = groups.all().stream()
                .map(GroupView::id)
                .map(id -> GroupDetailView.of(groupService.get(id)))
                .toList();
        List<RunActivity.Minute> minutes = activity.lastHour();
        model.addAttribute("summaries", summaries);
        model.addAttribute("chart", ActivityChart.of(minutes));
        model.addAttribute("failures", activity.latestFailures(FAILURES_SHOWN));
        return "console/dashboard";
    }
}
