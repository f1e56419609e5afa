package io.fairtune.model.metrics;

/** A two-sided percentile bootstrap interval; {@code level} is e.g. 0.95. */
public record ConfidenceInterval(double low, double high, double level, int samples) {
}
