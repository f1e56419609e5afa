package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values that would deploy something broken are refused at render time, with a message that says why. */
class ValueGuardsTest {

    @Test
    void moreTrainersThanPartitionsIsRefused() {
        Exception e = assertThrows(Exception.class, () -> ChartRenderer.renderRaw(ValueSets.defaults()
                .named("too-many-trainers").with("trainer.replicaCount", 9)));
        assertTrue(e.getMessage().contains("topics.partitions (8) must be >= the most trainers (9)"), e.getMessage());
    }

    @Test
    void autoscalingBeyondThePartitionsIsRefused() {
        Exception e = assertThrows(Exception.class, () -> ChartRenderer.renderRaw(ValueSets.keda()
                .named("keda-too-far").with("trainer.autoscaling.maxReplicas", 12)));
        assertTrue(e.getMessage().contains("most trainers (12)"), e.getMessage());
    }

    @Test
    void moreEvaluatorsThanPartitionsIsRefused() {
        Exception e = assertThrows(Exception.class, () -> ChartRenderer.renderRaw(ValueSets.defaults()
                .named("too-many-evaluators").with("topics.partitions", 1)));
        assertTrue(e.getMessage().contains("most evaluators (2)"), e.getMessage());
    }

    @Test
    void aTrainerGracePeriodShorterThanItsDrainIsRefused() {
        Exception e = assertThrows(Exception.class, () -> ChartRenderer.renderRaw(ValueSets.defaults()
                .named("drain-too-long").with("trainer.drainSeconds", 110)));
        assertTrue(e.getMessage().contains("trainer.terminationGracePeriodSeconds (120) must be >= "
                + "trainer.drainSeconds (110) + 20"), e.getMessage());
    }

    @Test
    void raisingPartitionsMakesRoomForMoreTrainers() {
        ChartRenderer.renderRaw(ValueSets.defaults().named("sixteen")
                .with("trainer.replicaCount", 16).with("topics.partitions", 16));
    }

    @Test
    void saslWithoutCredentialsIsRefused() {
        Exception e = assertThrows(Exception.class, () -> ChartRenderer.renderRaw(ValueSets.defaults()
                .named("sasl-no-password").with("kafka.sasl.enabled", true).with("kafka.sasl.username", "u")));
        assertTrue(e.getMessage().contains("kafka.sasl.password is required"), e.getMessage());
    }

    @Test
    void tlsWithoutACaIsRefused() {
        Exception e = assertThrows(Exception.class, () -> ChartRenderer.renderRaw(ValueSets.defaults()
                .named("tls-no-ca").with("kafka.tls.enabled", true)));
        assertTrue(e.getMessage().contains("kafka.tls.caCert (PEM) is required"), e.getMessage());
    }

    @Test
    void bothAnOidcProviderAndAPublicKeyIsRefused() {
        Exception e = assertThrows(Exception.class, () -> ChartRenderer.renderRaw(ValueSets.oidcPublicKey()
                .named("oidc-both").with("optimizer.auth.oidc.authServerUrl", "https://idp.example.com/realms/x")));
        assertTrue(e.getMessage().contains(
                "set authServerUrl (an OIDC provider) or publicKey (local verification), not both"), e.getMessage());
    }

    @Test
    void anOidcIssuerWithoutAWayToVerifyTokensIsRefused() {
        Exception e = assertThrows(Exception.class, () -> ChartRenderer.renderRaw(ValueSets.defaults()
                .named("oidc-issuer-only").with("optimizer.auth.oidc.issuer", ValueSets.OIDC_ISSUER)));
        assertTrue(e.getMessage().contains("need optimizer.auth.oidc.authServerUrl or .publicKey"), e.getMessage());
    }
}
