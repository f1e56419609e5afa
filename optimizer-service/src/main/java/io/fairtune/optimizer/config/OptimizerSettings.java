package io.fairtune.optimizer.config;

import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.messaging.TopicSettings;
import io.fairtune.model.study.StudyLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the optimizer reads from configuration, with its defaults. Keys shared with the other services
 * ({@code fairtune.data.root}, {@code fairtune.limits.*}, {@code fairtune.topics.*}, {@code fairtune.trainer.group},
 * {@code fairtune.publish-timeout}) mean the same thing everywhere; environment variables are the keys in upper
 * snake case (FAIRTUNE_DATA_ROOT, FAIRTUNE_LIMITS_MAX_TRIAL_BUDGET, FAIRTUNE_SECURITY_OPERATOR_API_KEY, ...).
 */
@ConfigMapping(prefix = "fairtune")
public interface OptimizerSettings {

    /** Dataset manifests are resolved, confined, under it. */
    @WithName("data.root")
    Path dataRoot();

    /** The trainers' consumer group: each proposal goes to a partition of its least-busy member. */
    @WithName("trainer.group")
    String trainerGroup();

    /** How long a proposal or cancellation may wait for the broker's acknowledgement. */
    @WithDefault("60s")
    Duration publishTimeout();

    Limits limits();

    Security security();

    Loop loop();

    Lock lock();

    TopicSettings topics();

    /** What one request may ask of the cluster; defaults suit one machine, raise them per deployment. */
    interface Limits {

        @WithDefault("5000")
        int maxTrialBudget();

        @WithDefault("64")
        int maxParallelism();

        @WithDefault("200")
        int maxEpochs();

        @WithDefault("1024")
        int maxBatchSize();

        @WithDefault("512")
        int maxImageSize();

        @WithDefault("20")
        int maxFinalSeeds();

        @WithDefault("10000")
        int maxBootstrapSamples();

        @WithDefault("10")
        int maxAttempts();

        @WithDefault("200")
        int maxNameLength();

        /** A larger manifest is refused before it is read (400, field dataset). */
        @WithDefault(DatasetManifest.DEFAULT_MAX_BYTES_TEXT)
        long maxManifestBytes();

        default StudyLimits studyLimits() {
            return new StudyLimits(maxTrialBudget(), maxParallelism(), maxEpochs(), maxBatchSize(), maxImageSize(),
                    maxFinalSeeds(), maxBootstrapSamples(), maxAttempts(), maxNameLength());
        }
    }

    /**
     * Static API keys for the single-machine default, sent as {@code X-API-Key}. An empty or absent key switches its
     * mode off; with no key and no OIDC bearer-token verification configured the API refuses every protected request.
     */
    interface Security {

        /** Grants the operator role. */
        Optional<String> operatorApiKey();

        /** Grants the viewer role. */
        Optional<String> viewerApiKey();
    }

    interface Loop {

        /** Lease check, unpublished-proposal recovery and refill period. */
        @WithDefault("5000")
        long tickMillis();
    }

    /** One optimizer per database: see SingleOptimizerLock. */
    interface Lock {

        /** How long a second optimizer waits for the holder to stop before it refuses to start. */
        @WithDefault("60")
        int waitSeconds();

        /** How often the holder checks that its lock session is alive. */
        @WithDefault("10")
        int checkSeconds();
    }
}
