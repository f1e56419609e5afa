package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

    private static final List<String> SERVICES = List.of("optimizer", "evaluator", "trainer");

    @Test
    void saslSslSettingsMapOntoQuarkusKafkaProperties() {
        RenderedChart chart = ChartRenderer.render(ValueSets.externalSaslTls());
        JsonNode config = chart.config();
        assertEquals("kafka-0.example.internal:9093,kafka-1.example.internal:9093", config.path("KAFKA_BOOTSTRAP_SERVERS").asText());
        assertEquals("SASL_SSL", config.path("KAFKA_SECURITY_PROTOCOL").asText());
        assertEquals("SCRAM-SHA-512", config.path("KAFKA_SASL_MECHANISM").asText());
        assertEquals("PEM", config.path("KAFKA_SSL_TRUSTSTORE_TYPE").asText());
        assertEquals("/etc/fairtune/kafka-tls/ca.crt", config.path("KAFKA_SSL_TRUSTSTORE_LOCATION").asText());

        for (String svc : SERVICES) {
            JsonNode container = chart.container(svc);
            Map<String, JsonNode> env = RenderedChart.env(container);
            assertEquals("ft-fairtune-kafka", env.get("FAIRTUNE_KAFKA_USERNAME").at("/valueFrom/secretKeyRef/name").asText());
            assertEquals("password", env.get("FAIRTUNE_KAFKA_PASSWORD").at("/valueFrom/secretKeyRef/key").asText());
            String jaas = env.get("KAFKA_SASL_JAAS_CONFIG").path("value").asText();
            assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"$(FAIRTUNE_KAFKA_USERNAME)\" password=\"$(FAIRTUNE_KAFKA_PASSWORD)\";", jaas);
            // the kubelet only expands $(VAR) for variables defined earlier in the list
            List<String> names = List.copyOf(env.keySet());
            assertTrue(names.indexOf("FAIRTUNE_KAFKA_PASSWORD") < names.indexOf("KAFKA_SASL_JAAS_CONFIG"), svc);
            assertTrue(Nodes.mountAt(container, "/etc/fairtune/kafka-tls"), svc);
        }
        JsonNode kafkaSecret = chart.get("Secret", "ft-fairtune-kafka");
        assertEquals("fairtune-svc", kafkaSecret.at("/stringData/username").asText());
        assertEquals(ValueSets.KAFKA_PASSWORD, kafkaSecret.at("/stringData/password").asText());
        assertEquals(ValueSets.CA_PEM, chart.get("Secret", "ft-fairtune-kafka-tls").at("/stringData/ca.crt").asText());
    }

    @Test
    void secretValuesAppearInSecretsOnly() {
        RenderedChart chart = ChartRenderer.render(ValueSets.externalSaslTls());
        List<String> secrets = List.of(ValueSets.KAFKA_PASSWORD, ValueSets.PG_PASSWORD);
        int found = 0;
        for (JsonNode doc : chart.docs()) {
            String serialized = doc.toString();
            boolean isSecret = "Secret".equals(doc.path("kind").asText());
            for (String secret : secrets) {
                if (serialized.contains(secret)) {
                    assertTrue(isSecret, () -> secret + " leaked into " + doc.path("kind").asText() + " "
                            + doc.at("/metadata/name").asText());
                    found++;
                }
            }
        }
        assertEquals(2, found, "both passwords must be in a Secret, each once");
        for (JsonNode cm : chart.ofKind("ConfigMap")) {
            cm.path("data").fieldNames().forEachRemaining(key -> assertFalse(
                    key.contains("PASSWORD") || key.contains("JAAS"), "credential-shaped key " + key + " in a ConfigMap"));
        }
    }

    @Test
    void existingSecretsAreReferencedAndNotRecreated() {
        RenderedChart chart = ChartRenderer.render(ValueSets.externalExistingSecrets());
        assertTrue(chart.ofKind("Secret").isEmpty(), () -> "unexpected Secrets " + chart.names("Secret"));
        Map<String, JsonNode> optimizerEnv = RenderedChart.env(chart.container("optimizer"));
        assertEquals("my-kafka-user", optimizerEnv.get("FAIRTUNE_KAFKA_PASSWORD").at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("my-pg", optimizerEnv.get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("my-kafka-truststore", optimizerEnv.get("KAFKA_SSL_TRUSTSTORE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("PKCS12", chart.config().path("KAFKA_SSL_TRUSTSTORE_TYPE").asText());
        assertEquals("/etc/fairtune/kafka-tls/truststore", chart.config().path("KAFKA_SSL_TRUSTSTORE_LOCATION").asText());
        JsonNode job = chart.ofKind("Job").get(0);
        assertEquals("my-kafka-truststore", Nodes.findByName(job.at("/spec/template/spec/volumes"), "kafka-tls")
                .at("/secret/secretName").asText());
    }

    @Test
    void restrictedEgressStillReachesDnsKafkaAndOnlyTheOptimizerPostgres() {
        RenderedChart chart = ChartRenderer.render(ValueSets.externalSaslTls());
        JsonNode optimizer = chart.component("NetworkPolicy", "optimizer");
        assertTrue(optimizer.at("/spec/policyTypes").toString().contains("Egress"));
        assertEquals(3, optimizer.at("/spec/egress").size(), "DNS, Kafka, PostgreSQL");
        assertEquals(5432, optimizer.at("/spec/egress/2/ports/0/port").asInt());
        assertEquals(2, chart.component("NetworkPolicy", "trainer").at("/spec/egress").size(), "DNS, Kafka");
    }
}
