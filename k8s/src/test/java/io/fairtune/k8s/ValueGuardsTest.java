package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values that would deploy something broken are refused at render time, with a message that says why. */
class ValueGuardsTest {

    @Test
    void moreTrainersThanPartitionsIsRefused() {
        assertRefused(ValueSets.defaults().named("too-many-trainers").with("trainer.replicaCount", 9),
                "topics.partitions (8) must be >= the most trainers (9)");
    }

    @Test
    void autoscalingBeyondThePartitionsIsRefused() {
        assertRefused(ValueSets.keda().named("keda-too-far").with("trainer.autoscaling.maxReplicas", 12),
                "most trainers (12)");
    }

    @Test
    void moreEvaluatorsThanPartitionsIsRefused() {
        assertRefused(ValueSets.defaults().named("too-many-evaluators").with("topics.partitions", 1),
                "most evaluators (2)");
    }

    @Test
    void aTrainerGracePeriodShorterThanItsDrainIsRefused() {
        assertRefused(ValueSets.defaults().named("drain-too-long").with("trainer.drainSeconds", 110),
                "trainer.terminationGracePeriodSeconds (120) must be >= trainer.drainSeconds (110) + 20: "
                        + "the pod would be killed while it drains or hands its trial back");
    }

    @Test
    void aGracePeriodOfExactlyTheDrainPlusTheHandBackIsAccepted() {
        ChartRenderer.renderRaw(ValueSets.defaults().named("drain-fits").with("trainer.drainSeconds", 100));
        ChartRenderer.renderRaw(ValueSets.defaults().named("hand-back-at-once")
                .with("trainer.drainSeconds", 0).with("trainer.terminationGracePeriodSeconds", 20));
    }

    @Test
    void aKedaLagThresholdAboveOneIsRefused() {
        assertRefused(ValueSets.keda().named("keda-lag-2").with("trainer.autoscaling.keda.lagThreshold", 2),
                "trainer.autoscaling.keda.lagThreshold must be 1, not 2: a trainer runs one trial at a time and each "
                        + "trial queued or in progress counts 1 in the lag");
    }

    @Test
    void aKedaActivationThresholdAboveZeroIsRefused() {
        assertRefused(ValueSets.kedaCheckpoints().named("keda-activation-3")
                        .with("trainer.autoscaling.keda.activationLagThreshold", 3),
                "trainer.autoscaling.keda.activationLagThreshold must be 0, not 3: KEDA would scale to zero (or stay "
                        + "there) while up to 3 trials are queued or in progress");
    }

    @Test
    void aCpuAutoscalerForGpuTrainersIsRefused() {
        assertRefused(ValueSets.hpa().named("hpa-gpu").with("trainer.gpu.enabled", true),
                "trainer.autoscaling without trainer.autoscaling.keda.enabled scales GPU trainers on CPU use");
    }

    @Test
    void scalingToZeroWithoutKedaIsRefused() {
        assertRefused(ValueSets.hpa().named("hpa-zero").with("trainer.autoscaling.minReplicas", 0),
                "trainer.autoscaling.minReplicas 0 needs trainer.autoscaling.keda.enabled=true");
    }

    @Test
    void checkpointsOnAVolumeOfOneNodeAreRefusedForSeveralTrainers() {
        assertRefused(ValueSets.kedaCheckpoints().named("checkpoints-rwo-keda")
                        .with("trainer.checkpoints.accessModes[0]", "ReadWriteOnce"),
                "trainer.checkpoints.accessModes must include ReadWriteMany when more than one trainer may run "
                        + "(up to 8 here)");
        assertRefused(ValueSets.defaults().named("checkpoints-rwo-two").with("trainer.replicaCount", 2)
                        .with("trainer.checkpoints.enabled", true)
                        .with("trainer.checkpoints.accessModes[0]", "ReadWriteOnce"),
                "(up to 2 here)");
    }

    @Test
    void aSingleTrainerMayKeepCheckpointsOnAVolumeOfOneNode() {
        // maxSurge 0: the old trainer is gone before the new one mounts the volume
        ChartRenderer.renderRaw(ValueSets.defaults().named("checkpoints-rwo-one")
                .with("trainer.checkpoints.enabled", true)
                .with("trainer.checkpoints.accessModes[0]", "ReadWriteOnce"));
    }

    @Test
    void raisingPartitionsMakesRoomForMoreTrainers() {
        ChartRenderer.renderRaw(ValueSets.defaults().named("sixteen")
                .with("trainer.replicaCount", 16).with("topics.partitions", 16));
    }

    @Test
    void saslWithoutCredentialsIsRefused() {
        assertRefused(ValueSets.defaults().named("sasl-no-password")
                        .with("kafka.sasl.enabled", true).with("kafka.sasl.username", "u"),
                "kafka.sasl.password is required");
    }

    @Test
    void tlsWithoutACaIsRefused() {
        assertRefused(ValueSets.defaults().named("tls-no-ca").with("kafka.tls.enabled", true),
                "kafka.tls.caCert (PEM) is required");
    }

    @Test
    void bothAnOidcProviderAndAPublicKeyIsRefused() {
        assertRefused(ValueSets.oidcPublicKey().named("oidc-both")
                        .with("optimizer.auth.oidc.authServerUrl", "https://idp.example.com/realms/x"),
                "set authServerUrl (an OIDC provider) or publicKey (local verification), not both");
    }

    @Test
    void anOidcIssuerWithoutAWayToVerifyTokensIsRefused() {
        assertRefused(ValueSets.defaults().named("oidc-issuer-only").with("optimizer.auth.oidc.issuer", ValueSets.OIDC_ISSUER),
                "need optimizer.auth.oidc.authServerUrl or .publicKey");
    }

    /** helm template fails on these values, and its message contains {@code expected}. */
    private static void assertRefused(ValueSet values, String expected) {
        Exception e = assertThrows(Exception.class, () -> ChartRenderer.renderRaw(values), values.name() + " rendered");
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
