package io.fairtune.optimizer.messaging;

/** Channel names; the topics behind them are configuration (application.properties). */
public final class Channels {

    public static final String PROGRESS_IN = "trials-progress-in";
    public static final String SCORED_IN = "trials-scored-in";
    public static final String PROPOSED_OUT = "trials-proposed-out";
    public static final String CONTROL_OUT = "trials-control-out";
    public static final String DLQ_OUT = "trials-dlq-out";

    private Channels() {
    }
}
