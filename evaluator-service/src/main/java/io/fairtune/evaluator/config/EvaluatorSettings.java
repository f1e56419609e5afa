package io.fairtune.evaluator.config;

import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.messaging.TopicSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the evaluator reads from configuration, with its defaults; keys shared with the other services
 * ({@code fairtune.data.root}, {@code fairtune.limits.*}, {@code fairtune.topics.*}, {@code fairtune.publish-timeout})
 * mean the same thing everywhere. Environment variables are the keys in upper snake case.
 */
@ConfigMapping(prefix = "fairtune")
public interface EvaluatorSettings {

    /** Manifests named by DatasetRef.manifest are resolved, confined, under it. */
    @WithName("data.root")
    Path dataRoot();

    /** How long a result may wait for the broker's acknowledgement before the record is dead-lettered. */
    @WithDefault("60s")
    Duration publishTimeout();

    Evaluator evaluator();

    Limits limits();

    TopicSettings topics();

    interface Evaluator {

        /** Manifests kept in memory, by content hash. */
        @WithDefault("8")
        int manifestCacheSize();

        /** A study asking for more bootstrap resamples gets this many (a resample costs O(n)). */
        @WithDefault("2000")
        int maxBootstrapSamples();
    }

    interface Limits {

        /** A larger manifest is refused before it is read: the trial fails with the reason. */
        @WithDefault(DatasetManifest.DEFAULT_MAX_BYTES_TEXT)
        long maxManifestBytes();
    }
}
