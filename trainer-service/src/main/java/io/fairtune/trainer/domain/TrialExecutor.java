package io.fairtune.trainer.domain;

import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.events.TrialProposed;

/**
 * What runs one attempt once the trainer took it: {@link TrialRunner} owns everything around it (TrialStarted,
 * cancellation before the start, failure classification, publishing the result, acknowledgement), so each
 * implementation only produces the predictions and reports progress on the way.
 *
 * <p>Two implementations, chosen per pod by {@code fairtune.trainer.executor}: the DJL fine-tuner
 * ({@link FineTuneExecutor}, every real study) and the control-plane load generator
 * ({@code loadgen.LoadGeneratorExecutor}, a measurement tool that sleeps instead of training).
 */
public interface TrialExecutor {

    /** The configuration key and its values; constants because the beans are selected by annotation. */
    String PROPERTY = "fairtune.trainer.executor";
    String FINE_TUNE = "fine-tune";
    String LOAD_GENERATOR = "load-generator";

    /**
     * Runs the attempt, sending per-epoch {@code TrialProgress} (and heartbeats between epochs) through
     * {@code sink}, and returns the predictions without publishing them. Continues from {@code run}'s checkpoint
     * when it has one, saves its state there after every epoch, and at the point where it stops when the stop is
     * a hand-back ({@link TrialRun#handingBack}).
     *
     * @param run polled between steps ({@link TrialRun#mustStop}); once it says stop the executor throws
     *            {@link io.fairtune.trainer.training.TrialCancelledException}
     */
    TrialPredicted execute(TrialProposed proposal, TrialEventSink sink, TrialRun run);
}
