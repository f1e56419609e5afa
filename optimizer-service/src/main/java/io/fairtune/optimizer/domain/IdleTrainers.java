package io.fairtune.optimizer.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Gives idle trainers the proposals waiting behind busy ones ({@link QueuedMoves}): the waiting attempt is
 * cancelled and goes out again as its next attempt, which the least-loaded routing sends to an idle trainer. The
 * copy left behind is skipped by its trainer (cancelled before it started), or, if that trainer took it in the
 * meantime, stopped at its next step. Runs on every tick, so trainers that join are busy within a tick.
 */
@ApplicationScoped
public class IdleTrainers {

    private static final Logger LOG = Logger.getLogger(IdleTrainers.class);

    @Inject TrainerAssignment assignment;
    @Inject StudyLock lock;
    @Inject Studies studies;
    @Inject Trials trials;
    @Inject TrialFactory factory;
    @Inject StudyMetrics metrics;

    public void giveWaitingProposals() {
        List<Set<Integer>> trainers = assignment.partitionsPerTrainer();
        if (trainers.size() < 2) {
            return;
        }
        lock.change(out -> {
            List<Trial> onTrainers = trials.onTrainerPartitions();
            List<QueuedMoves.OnTrainer> load = onTrainers.stream().map(t -> new QueuedMoves.OnTrainer(t.id,
                    t.kafkaPartition, t.state == TrialState.RUNNING, t.publishedAt.toEpochMilli())).toList();
            Set<String> chosen = new HashSet<>(QueuedMoves.choose(trainers, load));
            if (chosen.isEmpty()) {
                return null;
            }
            Instant now = Instant.now();
            int moved = 0;
            for (Trial t : onTrainers) {
                Study study = chosen.contains(t.id) ? studies.findById(t.studyId) : null;
                if (study == null || !study.state.proposes()) {
                    continue;
                }
                out.cancels.add(TrialLifecycle.cancellation(t, "moved to an idle trainer", now));
                int from = t.attempt;
                int partition = t.kafkaPartition;
                TrialLifecycle.move(t);
                out.proposals.add(factory.event(study, t));
                LOG.infof("trial %s: attempt %d waited on a busy trainer's partition %d; attempt %d goes to an "
                        + "idle trainer", t.id, from, partition, t.attempt);
                moved++;
            }
            metrics.movedToIdleTrainers(moved);
            return null;
        });
    }
}
