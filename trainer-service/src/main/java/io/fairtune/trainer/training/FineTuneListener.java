package io.fairtune.trainer.training;

/** Callbacks from the training loop, on the training thread. */
public interface FineTuneListener {

    FineTuneListener NONE = new FineTuneListener() {
    };

    /** After every optimizer step. */
    default void onStep(int epoch, int images, long nanos) {
    }

    /**
     * After every epoch (1-based), with the mean training loss and the monitored split's scores
     * (softmax[1] per sample; null when no split is monitored).
     */
    default void onEpoch(int epoch, double trainLoss, double[] monitorScores, double imagesPerSecond, long nanos) {
    }
}
