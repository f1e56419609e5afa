package io.fairtune.trainer.metrics;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The trainer's Prometheus meters, registered eagerly (at zero) so dashboards and alerts see every name
 * before the first trial.
 */
@Startup
@ApplicationScoped
public class TrainerMetrics {

    public static final String IMAGES_PER_SECOND = "fairtune.trainer.images.per.second";
    public static final String STEP = "fairtune.trainer.step";
    public static final String EPOCH = "fairtune.trainer.epoch";
    public static final String TRIALS = "fairtune.trainer.trials";
    public static final String GPU_MEMORY = "fairtune.trainer.gpu.memory.bytes";
    public static final String DEAD_LETTERS = "fairtune.dead.letters";

    public enum Outcome { trained, failed, cancelled }

    private final MeterRegistry registry;
    private final AtomicLong imagesPerSecondMilli = new AtomicLong();
    private final Timer step;
    private final Timer epoch;
    private final ConcurrentHashMap<String, Counter> deadLetters = new ConcurrentHashMap<>();

    public TrainerMetrics(MeterRegistry registry, @ConfigProperty(name = "fairtune.topics.proposed") String proposedTopic,
                          @ConfigProperty(name = "fairtune.topics.control") String controlTopic) {
        this.registry = registry;
        Gauge.builder(IMAGES_PER_SECOND, imagesPerSecondMilli, v -> v.get() / 1000.0)
                .description("training throughput of the last epoch").register(registry);
        Gauge.builder(GPU_MEMORY, this, TrainerMetrics::gpuMemoryBytes)
                .description("GPU memory in use by this trainer (0 on CPU)").baseUnit("bytes").register(registry);
        step = Timer.builder(STEP).description("one optimizer step (forward, backward, update)").register(registry);
        epoch = Timer.builder(EPOCH).description("one training epoch including validation").register(registry);
        for (Outcome o : Outcome.values()) {
            Counter.builder(TRIALS).tag("outcome", o.name()).register(registry);
        }
        for (String topic : List.of(proposedTopic, controlTopic)) {
            deadLetter(topic, 0);
        }
    }

    public void step(long nanos) {
        step.record(Duration.ofNanos(nanos));
    }

    public void epoch(long nanos, double imagesPerSecond) {
        epoch.record(Duration.ofNanos(nanos));
        imagesPerSecondMilli.set(Math.round(imagesPerSecond * 1000));
    }

    public void trial(Outcome outcome) {
        registry.counter(TRIALS, "outcome", outcome.name()).increment();
    }

    public void deadLetter(String topic) {
        deadLetter(topic, 1);
    }

    private void deadLetter(String topic, int n) {
        deadLetters.computeIfAbsent(topic, t -> Counter.builder(DEAD_LETTERS).tag("topic", t)
                .description("messages routed to the dead-letter topic").register(registry)).increment(n);
    }

    private double gpuMemoryBytes() {
        try {
            if (!"PyTorch".equals(Engine.getDefaultEngineName()) || Engine.getInstance().getGpuCount() == 0) {
                return 0;
            }
            return CudaUtils.getGpuMemory(Device.gpu()).getUsed();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
