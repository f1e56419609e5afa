package io.fairtune.evaluator.metrics;

import io.fairtune.evaluator.config.EvaluatorSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The evaluator's meters, registered at startup with zero values so /q/metrics lists them before any trial:
 * fairtune_evaluator_trials_scored_total{outcome}, fairtune_evaluator_latency_seconds (histogram),
 * fairtune_dead_letters_total{topic}, and fairtune_evaluator_last_objective{study} once a study is first scored.
 */
@Startup
@ApplicationScoped
public class EvaluatorMetrics {

    public static final String TRIALS_SCORED = "fairtune.evaluator.trials.scored";
    public static final String LATENCY = "fairtune.evaluator.latency";
    public static final String LAST_OBJECTIVE = "fairtune.evaluator.last.objective";
    public static final String DEAD_LETTERS = "fairtune.dead.letters";

    private final MeterRegistry registry;
    private final Counter scored;
    private final Counter failed;
    private final Timer latency;
    /** Objective values as raw double bits; NaN while the last objective was undefined. */
    private final Map<String, AtomicLong> lastObjective = new ConcurrentHashMap<>();

    public EvaluatorMetrics(MeterRegistry registry, EvaluatorSettings settings) {
        this.registry = registry;
        this.scored = outcome("scored");
        this.failed = outcome("failed");
        this.latency = Timer.builder(LATENCY)
                .description("time from receiving predictions to the published, persisted result")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        deadLetterCounter(settings.topics().predicted());
    }

    private Counter outcome(String outcome) {
        return Counter.builder(TRIALS_SCORED).description("attempts evaluated, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private Counter deadLetterCounter(String topic) {
        return Counter.builder(DEAD_LETTERS).description("messages sent to the dead-letter topic, by source topic")
                .tag("topic", String.valueOf(topic)).register(registry);
    }

    public void scored(String studyId, Double firstObjective, long nanos) {
        scored.increment();
        latency.record(Duration.ofNanos(nanos));
        AtomicLong holder = lastObjective.computeIfAbsent(studyId, id -> {
            AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            Gauge.builder(LAST_OBJECTIVE, bits, b -> Double.longBitsToDouble(b.get()))
                    .description("the study's first objective on its most recently scored trial (NaN: undefined)")
                    .tag("study", id).register(registry);
            return bits;
        });
        holder.set(Double.doubleToLongBits(firstObjective == null ? Double.NaN : firstObjective));
    }

    public void failed(long nanos) {
        failed.increment();
        latency.record(Duration.ofNanos(nanos));
    }

    public void deadLetter(String sourceTopic) {
        deadLetterCounter(sourceTopic).increment();
    }
}
