package io.fairtune.trainer.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where data and models live, and the knobs of this trainer pod. */
@ApplicationScoped
public class TrainerSettings {

    @ConfigProperty(name = "fairtune.data.root")
    Path dataRoot;

    @ConfigProperty(name = "fairtune.images.root")
    Path imagesRoot;

    @ConfigProperty(name = "fairtune.models.root")
    Path modelsRoot;

    @ConfigProperty(name = "fairtune.trainer.id")
    String trainerId;

    /** 0 = whole training split; tests and demos on a laptop train on a seeded subsample. */
    @ConfigProperty(name = "fairtune.trainer.max-train-samples", defaultValue = "0")
    int maxTrainSamples;

    @ConfigProperty(name = "fairtune.trainer.heartbeat-interval", defaultValue = "30s")
    Duration heartbeatInterval;

    @ConfigProperty(name = "fairtune.trainer.image-cache-bytes", defaultValue = "2147483648")
    long imageCacheBytes;

    @ConfigProperty(name = "fairtune.trainer.prefix-cache-bytes", defaultValue = "4294967296")
    long prefixCacheBytes;

    @ConfigProperty(name = "fairtune.trainer.eval-batch", defaultValue = "256")
    int evalBatch;

    @ConfigProperty(name = "fairtune.trainer.publish-timeout", defaultValue = "60s")
    Duration publishTimeout;

    public Path dataRoot() {
        return dataRoot;
    }

    public Path imagesRoot() {
        return imagesRoot;
    }

    public Path modelsRoot() {
        return modelsRoot;
    }

    public String trainerId() {
        return trainerId;
    }

    public int maxTrainSamples() {
        return maxTrainSamples;
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    public long imageCacheBytes() {
        return imageCacheBytes;
    }

    public long prefixCacheBytes() {
        return prefixCacheBytes;
    }

    public int evalBatch() {
        return evalBatch;
    }

    public Duration publishTimeout() {
        return publishTimeout;
    }
}
