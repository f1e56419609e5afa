package io.fairtune.launcher.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A study's marks folded per attempt: when it was proposed (and where), started, predicted, scored, ended. */
final class Attempts {

    /**
     * Times in epoch milliseconds, 0 when not seen. {@code starts}: how many TrialStarted the attempt got (more
     * than one: it was trained twice). {@code stopped}: TrialFailed, TrialCancelled or a hand-back.
     */
    record Attempt(String key, String trialId, int partition, long proposed, long started, int starts, long predicted,
                   long scored, long stopped) {

        /** Running at {@code millis}: started, and not yet predicted, failed, cancelled or handed back. */
        boolean runningAt(long millis) {
            return started > 0 && started <= millis && busyUntil(Long.MAX_VALUE) > millis;
        }

        /** When its trainer stopped working on it: the prediction, the failure or cancellation, else {@code orElse}. */
        long busyUntil(long orElse) {
            return predicted > 0 ? predicted : stopped > 0 ? stopped : orElse;
        }
    }

    private Attempts() {
    }

    static Collection<Attempt> of(List<Timeline.Mark> marks) {
        Map<String, Attempt> byKey = new LinkedHashMap<>();
        for (Timeline.Mark m : marks) {
            Attempt a = byKey.getOrDefault(m.attemptKey(),
                    new Attempt(m.attemptKey(), m.trialId(), -1, 0, 0, 0, 0, 0, 0));
            byKey.put(m.attemptKey(), switch (m.kind()) {
                case PROPOSED -> a.proposed() > 0 ? a : new Attempt(a.key(), a.trialId(), m.partition(), m.millis(),
                        a.started(), a.starts(), a.predicted(), a.scored(), a.stopped());
                case STARTED -> new Attempt(a.key(), a.trialId(), a.partition(), a.proposed(),
                        a.started() > 0 ? a.started() : m.millis(), a.starts() + 1, a.predicted(), a.scored(), a.stopped());
                case PREDICTED -> a.predicted() > 0 ? a : new Attempt(a.key(), a.trialId(), a.partition(), a.proposed(),
                        a.started(), a.starts(), m.millis(), a.scored(), a.stopped());
                case SCORED -> a.scored() > 0 ? a : new Attempt(a.key(), a.trialId(), a.partition(), a.proposed(),
                        a.started(), a.starts(), a.predicted(), m.millis(), a.stopped());
                case FAILED, CANCELLED, RELEASED -> a.stopped() > 0 ? a : new Attempt(a.key(), a.trialId(),
                        a.partition(), a.proposed(), a.started(), a.starts(), a.predicted(), a.scored(), m.millis());
                default -> a;
            });
        }
        return byKey.values();
    }
}
