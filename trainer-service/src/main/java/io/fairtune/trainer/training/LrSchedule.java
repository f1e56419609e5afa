package io.fairtune.trainer.training;

import ai.djl.training.tracker.Tracker;

/**
 * Linear warmup followed by cosine decay to zero, a step schedule (x0.1 at 50 % and 75 % of the post-warmup
 * steps) or a constant rate. DJL's optimizers count updates per parameter from 1.
 */
public final class LrSchedule implements Tracker {

    private final double baseLr;
    private final String kind;
    private final int warmupSteps;
    private final int totalSteps;

    public LrSchedule(double baseLr, String kind, int warmupSteps, int totalSteps) {
        if (!kind.equals("cosine") && !kind.equals("step") && !kind.equals("constant")) {
            throw new IllegalArgumentException("unknown schedule '" + kind + "' (cosine, step, constant)");
        }
        this.baseLr = baseLr;
        this.kind = kind;
        this.warmupSteps = Math.max(0, warmupSteps);
        this.totalSteps = Math.max(1, totalSteps);
    }

    @Override
    public float getNewValue(int numUpdate) {
        return (float) at(numUpdate - 1);
    }

    /** Learning rate of the 0-based step {@code step}. */
    public double at(int step) {
        if (step < warmupSteps) {
            return baseLr * (step + 1) / warmupSteps;
        }
        double span = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (step - warmupSteps) / span);
        return switch (kind) {
            case "cosine" -> baseLr * 0.5 * (1 + Math.cos(Math.PI * progress));
            case "step" -> baseLr * (progress >= 0.75 ? 0.01 : progress >= 0.5 ? 0.1 : 1.0);
            default -> baseLr;
        };
    }
}
