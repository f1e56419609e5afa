package io.fairtune.launcher.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the scale table, from what the broker carried during a window of a study with N trainers.
 *
 * <p>Overhead per trial: on each trainer (the group member holding the partition its proposal went to), the gap
 * from an attempt's TrialPredicted to the next attempt's TrialStarted on the same trainer, split by the
 * events in between: evaluator (predicted → scored: Kafka to the evaluator, scoring, its write and send),
 * optimizer (scored → the next proposal sent: Kafka to the optimizer, the transaction, the sampler, routing)
 * and delivery (proposal sent → TrialStarted: Kafka to the trainer and its poll).
 *
 * @param utilization busy trainer-seconds (TrialStarted to TrialPredicted) / (trainers × window)
 */
public record SteadyState(int trainers, double meanTrialSeconds, double windowSeconds, int scored,
                          double trialsPerMinute, double idealPerMinute, double utilization, Percentiles gap,
                          Percentiles evaluator, Percentiles optimizer, Percentiles delivery) {

    public static SteadyState of(List<Timeline.Mark> marks, Timeline timeline, int trainers, double meanTrialSeconds,
                                 long from, long to) {
        Collection<Attempts.Attempt> attempts = Attempts.of(marks);
        double window = (to - from) / 1000.0;
        long busy = 0;
        int scored = 0;
        Map<String, List<Attempts.Attempt>> byTrainer = new HashMap<>();
        for (Attempts.Attempt a : attempts) {
            if (a.started() > 0) {
                busy += Math.max(0, Math.min(to, a.busyUntil(to)) - Math.max(from, a.started()));
                String trainer = a.partition() < 0 ? null : timeline.ownerAt(a.partition(), a.started());
                if (trainer != null) {
                    byTrainer.computeIfAbsent(trainer, k -> new ArrayList<>()).add(a);
                }
            }
            if (a.scored() > 0 && a.scored() >= from && a.scored() < to) {
                scored++;
            }
        }
        List<Long> gaps = new ArrayList<>();
        List<Long> evaluator = new ArrayList<>();
        List<Long> optimizer = new ArrayList<>();
        List<Long> delivery = new ArrayList<>();
        for (List<Attempts.Attempt> run : byTrainer.values()) {
            run.sort(Comparator.comparingLong(Attempts.Attempt::started));
            for (int i = 0; i + 1 < run.size(); i++) {
                Attempts.Attempt done = run.get(i);
                Attempts.Attempt next = run.get(i + 1);
                if (done.predicted() < from || done.predicted() >= to || done.scored() == 0
                        || next.started() < done.predicted()) {
                    continue;
                }
                gaps.add(next.started() - done.predicted());
                evaluator.add(Math.max(0, done.scored() - done.predicted()));
                optimizer.add(Math.max(0, next.proposed() - done.scored()));
                delivery.add(Math.max(0, next.started() - Math.max(next.proposed(), done.scored())));
            }
        }
        return new SteadyState(trainers, meanTrialSeconds, window, scored, scored / (window / 60),
                trainers * 60 / meanTrialSeconds, busy / 1000.0 / (trainers * window), Percentiles.of(gaps),
                Percentiles.of(evaluator), Percentiles.of(optimizer), Percentiles.of(delivery));
    }
}
