package io.fairtune.k8s;

import java.nio.file.Path;
import java.util.List;

/**
 * The value sets the chart is tested with. Secrets in them are recognisable strings so that tests
 * can prove they only ever land in Secret objects.
 */
public final class ValueSets {

    public static final String KAFKA_PASSWORD = "kafka-pw-Zx81q";
    public static final String PG_PASSWORD = "pg-pw-Qa73v";
    public static final String TRUSTSTORE_PASSWORD = "ts-pw-Lm55k";
    public static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBtestCAcert\n-----END CERTIFICATE-----\n";
    public static final String OIDC_PUBLIC_KEY =
            "-----BEGIN PUBLIC KEY-----\nMIIBIjANtestPublicKey+/=\n-----END PUBLIC KEY-----\n";
    public static final String OIDC_ISSUER = "https://idp.example.com/realms/fairtune";

    private ValueSets() {
    }

    public static Path chartDir() {
        return Path.of(System.getProperty("fairtune.chart.dir", "fairtune")).toAbsolutePath();
    }

    public static Path examplesDir() {
        return Path.of(System.getProperty("fairtune.examples.dir", "examples")).toAbsolutePath();
    }

    public static Path buildDir() {
        return Path.of(System.getProperty("fairtune.build.dir", "target")).toAbsolutePath();
    }

    /** The chart's own values.yaml, untouched. */
    public static ValueSet defaults() {
        return ValueSet.of("default");
    }

    /** Four GPU trainers, as a user writes it: the example values file shipped next to the chart. */
    public static ValueSet gpuExample() {
        return ValueSet.of("gpu-4-trainers").withFile(examplesDir().resolve("gpu-4-trainers.yaml"));
    }

    /** Four GPU trainers from plain --set flags on top of the defaults. */
    public static ValueSet gpu() {
        return ValueSet.of("gpu")
                .with("trainer.replicaCount", 4)
                .with("trainer.gpu.enabled", true)
                .with("trainer.gpu.runtimeClassName", "nvidia");
    }

    public static ValueSet keda() {
        return ValueSet.of("keda")
                .with("trainer.gpu.enabled", true)
                .with("trainer.autoscaling.enabled", true)
                .with("trainer.autoscaling.minReplicas", 1)
                .with("trainer.autoscaling.maxReplicas", 6)
                .with("trainer.autoscaling.keda.enabled", true);
    }

    /** GPU trainers scaled by KEDA from zero, with checkpoints on a ReadWriteMany claim the chart creates. */
    public static ValueSet kedaCheckpoints() {
        return keda().named("keda-checkpoints")
                .with("trainer.autoscaling.minReplicas", 0)
                .with("trainer.autoscaling.maxReplicas", 8)
                .with("trainer.checkpoints.enabled", true)
                .with("trainer.checkpoints.storageClass", "nfs-client");
    }

    public static ValueSet hpa() {
        return ValueSet.of("hpa")
                .with("trainer.autoscaling.enabled", true)
                .with("trainer.autoscaling.maxReplicas", 3)
                .with("evaluator.autoscaling.enabled", true);
    }

    public static ValueSet strimzi() {
        return ValueSet.of("strimzi")
                .with("strimzi.enabled", true)
                .with("postgresql.auth.password", PG_PASSWORD);
    }

    public static ValueSet strimziScramKeda() {
        return ValueSet.of("strimzi-scram-keda")
                .with("strimzi.enabled", true)
                .with("strimzi.authentication", "scram-sha-512")
                .with("trainer.autoscaling.enabled", true)
                .with("trainer.autoscaling.keda.enabled", true)
                .with("monitoring.serviceMonitor.enabled", true);
    }

    /** An external cluster with SCRAM-SHA-512 over TLS, credentials given as values. */
    public static ValueSet externalSaslTls() {
        return ValueSet.of("external-sasl-tls")
                .with("kafka.bootstrapServers", "kafka-0.example.internal:9093,kafka-1.example.internal:9093")
                .with("kafka.sasl.enabled", true)
                .with("kafka.sasl.username", "fairtune-svc")
                .with("kafka.sasl.password", KAFKA_PASSWORD)
                .with("kafka.tls.enabled", true)
                .with("kafka.tls.caCert", CA_PEM)
                .with("postgresql.auth.password", PG_PASSWORD)
                .with("trainer.autoscaling.enabled", true)
                .with("trainer.autoscaling.keda.enabled", true)
                .with("topics.provisioning.helmHook", false)
                .with("networkPolicy.allowExternalEgress", false)
                .with("monitoring.serviceMonitor.enabled", true);
    }

    /** An external cluster whose credentials and PKCS12 truststore live in Secrets made beforehand. */
    public static ValueSet externalExistingSecrets() {
        return ValueSet.of("external-existing-secrets")
                .with("kafka.bootstrapServers", "kafka.example.internal:9093")
                .with("kafka.sasl.enabled", true)
                .with("kafka.sasl.existingSecret", "my-kafka-user")
                .with("kafka.tls.enabled", true)
                .with("kafka.tls.truststoreType", "PKCS12")
                .with("kafka.tls.existingSecret", "my-kafka-truststore")
                .with("postgresql.auth.existingSecret", "my-pg")
                .with("topics.provisioning.helmHook", false);
    }

    /** Keycloak bearer tokens beside API keys, egress restricted: the example values file shipped next to the chart. */
    public static ValueSet oidcExample() {
        return ValueSet.of("oidc-keycloak").withFile(examplesDir().resolve("oidc-keycloak.yaml"));
    }

    /** Bearer tokens verified locally with a public key (no provider), egress restricted. */
    public static ValueSet oidcPublicKey() {
        return ValueSet.of("oidc-public-key")
                .with("optimizer.auth.oidc.publicKey", OIDC_PUBLIC_KEY)
                .with("optimizer.auth.oidc.issuer", OIDC_ISSUER)
                .with("networkPolicy.allowExternalEgress", false);
    }

    /** Every value set the schema check covers. */
    public static List<ValueSet> all() {
        return List.of(defaults(), gpuExample(), gpu(), keda(), kedaCheckpoints(), hpa(), strimzi(), strimziScramKeda(),
                externalSaslTls(), externalExistingSecrets(), oidcExample(), oidcPublicKey());
    }
}
