package io.fairtune.evaluator.messaging;

/** Channel names; the topics behind them are configuration (application.properties). */
public final class Channels {

    public static final String PREDICTED_IN = "trials-predicted-in";
    public static final String SCORED_OUT = "trials-scored-out";
    public static final String DLQ_OUT = "trials-dlq-out";

    private Channels() {
    }
}
