package io.fairtune.trainer.loadgen;

import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.events.TrialProgress;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.study.EvaluationSpec;
import io.fairtune.trainer.domain.Sends;
import io.fairtune.trainer.domain.TrainerSettings;
import io.fairtune.trainer.domain.TrialEventSink;
import io.fairtune.trainer.domain.TrialExecutor;
import io.fairtune.trainer.domain.TrialRun;
import io.fairtune.trainer.domain.ValidationObjective;
import io.fairtune.trainer.training.TrainingState;
import io.fairtune.trainer.training.TrialCancelledException;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * A tool for measuring the control plane, never used by the demo or a real study: instead of training it sleeps
 * for a drawn duration ({@link TrialDurations}), sends the same TrialProgress per simulated epoch and heartbeats
 * in between as the fine-tuner, and returns synthetic scores ({@link SyntheticScores}) for every sample of the
 * real split, so the optimizer, its sampler, the evaluator, the broker and the database do their real work.
 * Selected with {@code fairtune.trainer.executor=load-generator}; the scale bench runs many consumers of it in
 * one JVM, each its own member of the trainers' group. It keeps checkpoints as the fine-tuner does (its position
 * is the simulated time done), so that the scale bench measures the trainer-seconds a hand-back saves.
 */
@ApplicationScoped
@LookupIfProperty(name = TrialExecutor.PROPERTY, stringValue = TrialExecutor.LOAD_GENERATOR)
public class LoadGeneratorExecutor implements TrialExecutor {

    /** How often a sleeping trial looks for its cancellation: a cancelled GPU trial stops within a step too. */
    private static final long POLL_MILLIS = 100;

    private final TrainerSettings settings;
    private final ScoredSplits splits;

    public LoadGeneratorExecutor(TrainerSettings settings) {
        this.settings = settings;
        this.splits = new ScoredSplits(settings.dataRoot());
    }

    @Override
    public TrialPredicted execute(TrialProposed p, TrialEventSink sink, TrialRun run) {
        long start = System.nanoTime();
        EvaluationSpec evaluation = p.evaluation();
        String attribute = evaluation.sensitiveAttribute();
        ScoredSplits.Split val = splits.split(p.dataset(), "val", attribute);
        ScoredSplits.Split predictOn = splits.split(p.dataset(), p.evalSplit(), attribute);
        int epochs = Math.max(1, p.innerLoop().epochs());
        Duration length = TrialDurations.draw(settings.loadGenerator().meanTrial(), settings.loadGenerator().spread(),
                p.seed());
        // the position is the simulated time done: a resumed trial sleeps only the rest of its length
        long doneNanos = Math.min(length.toNanos(), (long) (run.earlierTrainerSeconds() * 1e9));
        int firstEpoch = run.resumeFrom().map(TrainingState::epoch).orElse(1);
        long simulatedStart = System.nanoTime() - doneNanos;
        for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
            long epochEnd = length.toNanos() * epoch / epochs;
            try {
                sleepUntil(simulatedStart + epochEnd, p, sink, run.mustStop());
            } catch (TrialCancelledException e) {
                if (run.handingBack()) {
                    long elapsed = Math.min(epochEnd, System.nanoTime() - simulatedStart);
                    run.save(TrainingState.position(epoch, 0), elapsed / 1e9);
                }
                throw e;
            }
            run.save(TrainingState.position(epoch + 1, 0), epochEnd / 1e9);
            double done = (double) epoch / epochs;
            double[] scores = SyntheticScores.of(p.mask(), p.learningRate(), p.seed(), val.labels(), val.groups(), done);
            Double objective = ValidationObjective.compute(evaluation, val.labels(), val.groups(), scores);
            TrialProgress progress = progress(p, epoch, 0.7 * (1 - 0.5 * done), objective);
            Sends.publish(p.attemptKey(), () -> sink.progress(progress), settings.publishTimeout(), run.mustStop());
        }
        double[] scores = SyntheticScores.of(p.mask(), p.learningRate(), p.seed(), predictOn.labels(),
                predictOn.groups(), 1.0);
        return new TrialPredicted(TrialEvent.CURRENT_SCHEMA_VERSION, p.studyId(), p.trialId(), p.attempt(), p.phase(),
                settings.trainerId(), p.dataset(), p.evalSplit(), evaluation, predictOn.sampleIds(), scores, epochs,
                (System.nanoTime() - start) / 1e9, Instant.now());
    }

    /** Sleeps in short slices, sending a heartbeat every heartbeat interval, until {@code deadline} (nanoTime). */
    private void sleepUntil(long deadline, TrialProposed p, TrialEventSink sink, BooleanSupplier cancelled) {
        long beat = settings.heartbeatInterval().toNanos();
        long lastBeat = System.nanoTime();
        for (long now = lastBeat; now < deadline; now = System.nanoTime()) {
            if (cancelled.getAsBoolean()) {
                throw new TrialCancelledException();
            }
            if (now - lastBeat >= beat) {
                lastBeat = now;
                sink.progress(progress(p, 0, null, null));
            }
            try {
                Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, (deadline - now) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrialCancelledException();
            }
        }
        if (cancelled.getAsBoolean()) {
            throw new TrialCancelledException();
        }
    }

    private TrialProgress progress(TrialProposed p, int epoch, Double loss, Double objective) {
        return new TrialProgress(TrialEvent.CURRENT_SCHEMA_VERSION, p.studyId(), p.trialId(), p.attempt(),
                settings.trainerId(), epoch, p.innerLoop().epochs(), loss, objective, null, Instant.now());
    }
}
