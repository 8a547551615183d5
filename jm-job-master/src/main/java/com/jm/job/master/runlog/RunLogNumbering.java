package com.jm.job.master.runlog;

import com.jm.job.common.protocol.RunLogBatch;
import com.jm.job.master.errors.InvalidFieldException;
import java.util.List;

/**
 * The numbering rules of a logs call that need no stored state: a batch is numbered throughout or
 * not at all, its lines' numbers go up, and {@code nextSeq} is past them. A node that numbers its
 * lines cannot break them, so a call that does is refused whole (400, nothing stored) rather than
 * stored in part. Where a batch stands against what the run holds (sent again, a gap) is not a
 * rule of the call: {@link RunLogWriter} decides that with the run row locked.
 */
final class RunLogNumbering {

    private RunLogNumbering() {}

    /** Refuses the call (400 naming the field) at its first badly numbered batch. */
    static void check(List<RunLogBatch> runs) {
        for (int r = 0; r < runs.size(); r++) {
            RunLogBatch run = runs.get(r);
            String field = "runs[" + r + "]";
            Long previous = null;
            for (int i = 0; i < run.lines().size(); i++) {
                Long seq = run.lines().get(i).seq();
                String lineField = field + ".lines[" + i + "].seq";
                if ((seq == null) != (run.nextSeq() == null)) {
                    throw new InvalidFieldException(
                            lineField,
                            run.nextSeq() == null
                                    ? "a numbered line needs nextSeq on its batch"
                                    : "every line of a batch with nextSeq needs its seq");
                }
                if (seq != null && previous != null && seq <= previous) {
                    throw new InvalidFieldException(
                            lineField, "must be above the seq of the line before it (" + previous + ")");
                }
                previous = seq;
            }
            if (previous != null && run.nextSeq() <= previous) {
                throw new InvalidFieldException(
                        field + ".nextSeq", "must be above the seq of the batch's last line (" + previous + ")");
            }
        }
    }
}
