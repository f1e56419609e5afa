package io.fairtune.trainer.domain;

import io.fairtune.model.messaging.TopicSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where data and models live, and the knobs of this trainer pod, with their defaults. Keys shared with the
 * other services ({@code fairtune.data.root}, {@code fairtune.topics.*}, {@code fairtune.publish-timeout}) mean the
 * same thing everywhere; environment variables are the keys in upper snake case (FAIRTUNE_DATA_ROOT).
 */
@ConfigMapping(prefix = "fairtune")
public interface TrainerSettings {

    /** Dataset manifests; a study names one relative to it. */
    @WithName("data.root")
    Path dataRoot();

    /** Image paths in manifests are relative to it. */
    @WithName("images.root")
    Path imagesRoot();

    /** Pretrained checkpoints. */
    @WithName("models.root")
    Path modelsRoot();

    @WithName("trainer.id")
    String trainerId();

    /** The consumer group of all trainers; the optimizer reads its assignment to route proposals. */
    @WithName("trainer.group")
    String trainerGroup();

    /** 0 = whole training split; tests and demos on a laptop train on a seeded subsample. */
    @WithName("trainer.max-train-samples")
    @WithDefault("0")
    int maxTrainSamples();

    @WithName("trainer.heartbeat-interval")
    @WithDefault("30s")
    Duration heartbeatInterval();

    @WithName("trainer.image-cache-bytes")
    @WithDefault("2147483648")
    long imageCacheBytes();

    @WithName("trainer.prefix-cache-bytes")
    @WithDefault("4294967296")
    long prefixCacheBytes();

    @WithName("trainer.eval-batch")
    @WithDefault("256")
    int evalBatch();

    /** How long an event may wait for the broker's acknowledgement; past it the proposal is not acknowledged. */
    @WithDefault("60s")
    Duration publishTimeout();

    TopicSettings topics();

    /**
     * On SIGTERM, how long the trials running here may take to finish before the rest are handed back
     * (unacknowledged, so the trainers that stay take them at once). 0 = hand back at once; with Kubernetes, keep
     * terminationGracePeriodSeconds above it.
     */
    @WithName("trainer.drain-timeout")
    @WithDefault("0s")
    Duration drainTimeout();

    /**
     * Where trials leave per-epoch (and hand-back) checkpoints so that a trial run again, here or on another
     * trainer, continues instead of starting over. Every trainer that may take the trial must see the same
     * directory (a shared volume); absent = no checkpoints, every run starts from the beginning.
     */
    @WithName("trainer.checkpoint-dir")
    Optional<Path> checkpointDir();

    /** What runs a trial: {@link TrialExecutor#FINE_TUNE} (every real study) or the load generator (benchmarks). */
    @WithName("trainer.executor")
    @WithDefault(TrialExecutor.FINE_TUNE)
    String executor();

    @WithName("trainer.load-generator")
    LoadGenerator loadGenerator();

    /**
     * The control-plane load generator (a measurement tool, never a real study): how long a simulated trial
     * sleeps. Durations are log-normal with this mean, seeded by the trial's seed.
     */
    interface LoadGenerator {

        @WithDefault("60s")
        Duration meanTrial();

        /** Standard deviation of the logarithm of a trial's duration; 0 = every trial lasts exactly the mean. */
        @WithDefault("0.25")
        double spread();
    }
}
