package io.fairtune.optimizer.metrics;

import io.fairtune.optimizer.config.OptimizerSettings;
import io.fairtune.optimizer.domain.StudyMetrics;
import io.fairtune.optimizer.domain.TrialState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Every meter is registered when the bean is created (at startup), with zero values, so /q/metrics lists
 * all names before any activity. Prometheus names: fairtune_trials{state}, fairtune_trials_in_flight,
 * fairtune_study_best_objective{study}, fairtune_suggestion_seconds_bucket, fairtune_proposals_total,
 * fairtune_dead_letters_total{topic}.
 */
@ApplicationScoped
public class OptimizerMetrics implements StudyMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    OptimizerSettings settings;

    private final Map<TrialState, AtomicLong> byState = new EnumMap<>(TrialState.class);
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<String, AtomicReference<Double>> bestByStudy = new ConcurrentHashMap<>();
    private Timer suggestion;
    private Counter proposals;
    private Counter moved;

    @PostConstruct
    void register() {
        for (TrialState s : TrialState.values()) {
            AtomicLong v = new AtomicLong();
            byState.put(s, v);
            registry.gauge("fairtune.trials", Tags.of("state", s.name()), v, AtomicLong::doubleValue);
        }
        registry.gauge("fairtune.trials.in.flight", Tags.empty(), inFlight, AtomicLong::doubleValue);
        suggestion = Timer.builder("fairtune.suggestion")
                .description("time the sampler takes to propose one trial")
                .publishPercentileHistogram(true)
                .register(registry);
        proposals = Counter.builder("fairtune.proposals").description("TrialProposed events published")
                .register(registry);
        moved = Counter.builder("fairtune.proposals.moved")
                .description("proposals that waited behind a busy trainer and went to an idle one").register(registry);
        deadLetterCounter(settings.topics().progress());
        deadLetterCounter(settings.topics().scored());
    }

    @Override
    public <T> T timeSuggestion(Supplier<T> suggest) {
        return suggestion.record(suggest);
    }

    public void proposed() {
        proposals.increment();
    }

    @Override
    public void movedToIdleTrainers(int proposals) {
        moved.increment(proposals);
    }

    public void deadLetter(String topic) {
        deadLetterCounter(topic).increment();
    }

    private Counter deadLetterCounter(String topic) {
        return Counter.builder("fairtune.dead.letters").tag("topic", topic).register(registry);
    }

    @Override
    public void trialCounts(Map<TrialState, Long> counts) {
        long flying = 0;
        for (TrialState s : TrialState.values()) {
            long n = counts.getOrDefault(s, 0L);
            byState.get(s).set(n);
            if (TrialState.IN_FLIGHT.contains(s)) {
                flying += n;
            }
        }
        inFlight.set(flying);
    }

    @Override
    public void bestObjective(String studyId, Double value) {
        bestByStudy.computeIfAbsent(studyId, id -> {
            AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
            registry.gauge("fairtune.study.best.objective", Tags.of("study", id), ref,
                    r -> r.get() == null ? Double.NaN : r.get());
            return ref;
        }).set(value == null ? Double.NaN : value);
    }
}
