package com.jm.job.master.web;

import com.jm.job.master.index.IndexReconciler;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilds the pending index from the database now: after tasks were inserted or changed in the
 * database by hand, which the index only learns about at its next periodic rebuild otherwise.
 */
@RestController
class IndexController {

    private final IndexReconciler reconciler;

    IndexController(IndexReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @PostMapping("/api/index/rebuild")
    Map<String, Integer> rebuild() {
        return Map.of("pending", reconciler.rebuildNow());
    }
}
