package io.fairtune.launcher.cli;

import java.util.Objects;

/**
 * Remembers since when something has been wrong, so the progress line can say "database unreachable for 20 s,
 * retrying" and, once it is over, for how long it lasted. Durations are rounded to 5 s so that a log that
 * gets one line per change is not flooded during an outage.
 */
final class OutageClock {

    private String problem;
    private long since;

    /**
     * @param now     System.nanoTime()
     * @param current what is wrong now, or null
     * @return the suffix for the progress line ("" when all is well) and, on recovery, a line to print once
     */
    Update update(String current, long now) {
        String recovered = null;
        if (current == null) {
            if (problem != null) {
                recovered = "(" + problem + " was resolved after " + seconds(now - since) + " s)";
            }
            problem = null;
            return new Update("", recovered);
        }
        if (!Objects.equals(current, problem)) {
            if (problem == null) {
                since = now;
            }
            problem = current;
        }
        long rounded = seconds(now - since) / 5 * 5;
        return new Update("  — " + problem + (rounded > 0 ? " for " + rounded + " s" : "") + ", retrying", null);
    }

    private static long seconds(long nanos) {
        return Math.round(nanos / 1e9);
    }

    record Update(String suffix, String recoveredLine) {
    }
}
