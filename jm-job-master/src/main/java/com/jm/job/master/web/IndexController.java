package com.jm.job.master.web;

import com.jm.job.master.index.IndexReconciler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilds the pending index from the database now: after tasks were inserted or changed in the
 * database by hand, which the index only learns about at its next periodic rebuild otherwise.
 */
@RestController
@Tag(name = ApiDocumentation.INDEX)
class IndexController {

    private final IndexReconciler reconciler;

    IndexController(IndexReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Operation(
            operationId = "rebuildIndex",
            summary = "Rebuild the pending index now",
            description = "Reloads the pending-task index from the database, for tasks changed in the database by"
                    + " hand; the master also does this periodically. Answers how many tasks are pending.")
    @PostMapping("/api/index/rebuild")
    IndexRebuildView rebuild() {
        return new IndexRebuildView(reconciler.rebuildNow());
    }

    /** The answer of a rebuild. */
    record IndexRebuildView(@Schema(description = "tasks in the index after the rebuild", example = "3") int pending) {}
}
