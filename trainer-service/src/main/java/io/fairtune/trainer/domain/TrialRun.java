package io.fairtune.trainer.domain;

import io.fairtune.model.events.TrialProposed;
import io.fairtune.trainer.training.TrainingCheckpoints;
import io.fairtune.trainer.training.TrainingState;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * One run of an attempt as its {@link TrialExecutor} sees it: when to stop, whether a stop is a hand-back, where an
 * earlier run of the trial left off, and where to leave this run's state. Trainer-seconds saved with a state
 * are the earlier runs' plus this run's since its training began (loading data and backbone is repeated by
 * every run, so it is not counted), so that each checkpoint says what resuming from it saves.
 */
public final class TrialRun {

    private static final Logger LOG = Logger.getLogger(TrialRun.class);

    private final TrialProposed trial;
    private final String fingerprint;
    private final TrialCheckpoints checkpoints;
    private Optional<TrialCheckpoint> resumed;
    private final BooleanSupplier mustStop;
    private final BooleanSupplier handingBack;
    /** Where this run's own trainer-seconds start: loading data and the backbone is repeated by every run. */
    private long trainingStartNanos = System.nanoTime();
    private boolean saveFailureLogged;

    public TrialRun(TrialProposed trial, String fingerprint, TrialCheckpoints checkpoints,
                    Optional<TrialCheckpoint> resumed, BooleanSupplier mustStop, BooleanSupplier handingBack) {
        this.trial = trial;
        this.fingerprint = fingerprint;
        this.checkpoints = checkpoints;
        this.resumed = resumed;
        this.mustStop = mustStop;
        this.handingBack = handingBack;
    }

    /** Polled between steps; once true the executor throws {@link io.fairtune.trainer.training.TrialCancelledException}. */
    public BooleanSupplier mustStop() {
        return mustStop;
    }

    /** True once the stop is this trainer handing the trial back (not the optimizer cancelling it). */
    public boolean handingBack() {
        return handingBack.getAsBoolean();
    }

    /** The state an earlier run left, to continue from. */
    public Optional<TrainingState> resumeFrom() {
        return resumed.map(TrialCheckpoint::state);
    }

    /** Trainer-seconds the earlier runs spent (0 when starting from the beginning). */
    public double earlierTrainerSeconds() {
        return resumed.map(TrialCheckpoint::trainerSeconds).orElse(0.0);
    }

    /** Saves {@code state}, credited with the earlier runs' trainer-seconds plus this run's training so far. */
    public void save(TrainingState state) {
        save(state, earlierTrainerSeconds() + (System.nanoTime() - trainingStartNanos) / 1e9);
    }

    /** Saves {@code state} as {@code trainerSeconds} of work (the load generator knows its simulated time exactly). */
    public void save(TrainingState state, double trainerSeconds) {
        try {
            checkpoints.save(trial, new TrialCheckpoint(fingerprint, trainerSeconds, state));
        } catch (RuntimeException e) {
            // a checkpoint only saves a later run time: training goes on without it
            if (!saveFailureLogged) {
                saveFailureLogged = true;
                LOG.warnf("attempt %s: could not save a checkpoint (%s); training goes on, a later run of this trial "
                        + "may have to start over", trial.attemptKey(), e.getMessage());
            }
        }
    }

    /** This run as the fine-tuner's {@link TrainingCheckpoints} ({@link TrainingCheckpoints#NONE} when they are off). */
    public TrainingCheckpoints forTraining() {
        if (!checkpoints.enabled()) {
            return TrainingCheckpoints.NONE;
        }
        return new TrainingCheckpoints() {
            @Override
            public Optional<TrainingState> resumeFrom() {
                // asked once, when the data and the backbone are loaded and training begins
                trainingStartNanos = System.nanoTime();
                return TrialRun.this.resumeFrom();
            }

            @Override
            public void save(TrainingState state) {
                TrialRun.this.save(state);
            }

            @Override
            public boolean saveOnStop() {
                return handingBack();
            }

            @Override
            public void rejected(String why) {
                resumed = Optional.empty();
                checkpoints.discard(trial, "it does not fit this run: " + why);
            }

            @Override
            public void unavailable(String why) {
                LOG.infof("attempt %s: no checkpoints for this trial: %s", trial.attemptKey(), why);
            }
        };
    }
}
