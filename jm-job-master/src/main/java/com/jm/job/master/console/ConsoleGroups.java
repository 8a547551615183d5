package com.jm.job.master.console;

import com.jm.job.master.service.GroupService;
import com.jm.job.master.service.PageRequest;
import com.jm.job.master.web.GroupView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The groups the console's filters and forms offer, and their names by id for the lists. */
@Component
class ConsoleGroups {

    /** As many as one list answers: a console with more groups filters by typing the id. */
    static final int MAX = 200;

    private final GroupService groups;

    ConsoleGroups(GroupService groups) {
        this.groups = groups;
    }

    List<GroupView> all() {
        return groups.list(new PageRequest(0, MAX)).map(GroupView::of).items();
    }

    Map<Long, String> names() {
        Map<Long, String> names = new LinkedHashMap<>();
        all().forEach(g -> names.put(g.id(), g.name()));
        return names;
    }
}
