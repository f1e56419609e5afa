package io.fairtune.trainer.messaging;

/** Channel names; the topics behind them are configured in application.properties. */
public final class Channels {

    public static final String PROPOSED_IN = "trials-proposed-in";
    public static final String CONTROL_IN = "trials-control-in";
    public static final String PROGRESS_OUT = "trials-progress-out";
    public static final String PREDICTED_OUT = "trials-predicted-out";
    public static final String DLQ_OUT = "trials-dlq-out";

    private Channels() {
    }
}
