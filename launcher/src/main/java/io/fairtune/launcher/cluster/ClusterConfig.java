package io.fairtune.launcher.cluster;

import java.nio.file.Path;

/**
 * How to lay out a local cluster.
 *
 * @param repoRoot      the checkout (service jars are found under it)
 * @param workDir       logs, broker and database files of this run
 * @param dataRoot      manifests
 * @param imagesRoot    images referenced by manifests
 * @param modelsRoot    pretrained checkpoints
 * @param trainers      trainer processes (consumer group "trainers")
 * @param partitions    partitions per topic: the most trainers that can share work
 * @param httpPortBase  optimizer on base, evaluator base+1, trainers base+2…
 * @param kafkaBootstrap an external Kafka instead of the embedded one (null = embedded)
 * @param jdbcUrl       an external PostgreSQL base URL, e.g. jdbc:postgresql://db:5432/ (null = embedded)
 * @param properties    extra configuration passed to every service (e.g. shorter timeouts in tests)
 * @param trainerProperties extra configuration for trainers only (their consumer's settings)
 */
public record ClusterConfig(Path repoRoot, Path workDir, Path dataRoot, Path imagesRoot, Path modelsRoot,
                            int trainers, int partitions, int httpPortBase, String kafkaBootstrap, String jdbcUrl,
                            String dbUser, String dbPassword, java.util.Map<String, String> properties,
                            java.util.Map<String, String> trainerProperties) {

    public ClusterConfig {
        properties = java.util.Map.copyOf(properties);
        trainerProperties = java.util.Map.copyOf(trainerProperties);
    }

    public Path jar(String service) {
        return repoRoot.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
