package com.jm.job.master.console;

import com.jm.job.master.service.RunActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's chart, drawn on the server as SVG: a bar per minute of the last hour (its
 * height the runs that ended in it, the failed part red) and a line for the failure rate.
 * Numbers only, so nothing a user typed reaches the drawing.
 *
 * @param bars one per minute, oldest first
 * @param rateLine the failure-rate polyline's points ({@code x,y x,y ...})
 * @param maxRuns the tallest bar's runs (the scale's top)
 * @param totalRuns runs in the hour
 * @param failedRuns failed runs in the hour
 */
public record ActivityChart(List<Bar> bars, String rateLine, long maxRuns, long totalRuns, long failedRuns) {

    static final int WIDTH = 600;
    static final int HEIGHT = 120;
    static final int BAR = WIDTH / RunActivity.MINUTES;

    /** A bar: its x, the y and height of the whole bar and of its failed part, and its tooltip numbers. */
    public record Bar(
            int x, int y, int height, int failedY, int failedHeight, int minutesAgo, long runs, long failed) {}

    static ActivityChart of(List<RunActivity.Minute> minutes) {
        long max = Math.max(
                1, minutes.stream().mapToLong(RunActivity.Minute::runs).max().orElse(0));
        List<Bar> bars = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        long total = 0;
        long failed = 0;
        for (int i = 0; i < minutes.size(); i++) {
            RunActivity.Minute m = minutes.get(i);
            int x = i * BAR;
            int height = (int) Math.round((double) m.runs() * HEIGHT / max);
            int failedHeight = (int) Math.round((double) m.failed() * HEIGHT / max);
            bars.add(new Bar(
                    x,
                    HEIGHT - height,
                    height,
                    HEIGHT - failedHeight,
                    failedHeight,
                    m.minutesAgo(),
                    m.runs(),
                    m.failed()));
            double rate = m.runs() == 0 ? 0 : (double) m.failed() / m.runs();
            line.append(x + BAR / 2)
                    .append(',')
                    .append(Math.round(HEIGHT - rate * HEIGHT))
                    .append(' ');
            total += m.runs();
            failed += m.failed();
        }
        return new ActivityChart(bars, line.toString().strip(), max, total, failed);
    }

    /** Failed runs in the hour as a percentage of all, one decimal. */
    public String failureRate() {
        return totalRuns == 0 ? "0.0" : String.format(Locale.ROOT, "%.1f", 100.0 * failedRuns / totalRuns);
    }
}
