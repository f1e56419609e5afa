package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class StrimziTest {

    private static final Set<String> TOPICS = Set.of("fairtune.trials.proposed", "fairtune.trials.progress",
            "fairtune.trials.predicted", "fairtune.trials.scored", "fairtune.trials.control", "fairtune.trials.dlq");

    @Test
    void kraftClusterWithADualRoleNodePoolAndTheSixTopics() {
        RenderedChart chart = ChartRenderer.render(ValueSets.strimzi());
        JsonNode kafka = chart.get("Kafka", "ft-fairtune-kafka");
        assertEquals("enabled", kafka.at("/metadata/annotations/strimzi.io~1kraft").asText());
        assertEquals("enabled", kafka.at("/metadata/annotations/strimzi.io~1node-pools").asText());
        assertTrue(kafka.at("/spec/zookeeper").isMissingNode());
        assertEquals(9092, kafka.at("/spec/kafka/listeners/0/port").asInt());

        JsonNode pool = chart.ofKind("KafkaNodePool").get(0);
        assertEquals("ft-fairtune-kafka", pool.at("/metadata/labels/strimzi.io~1cluster").asText());
        assertEquals(List.of("controller", "broker"), List.of(pool.at("/spec/roles/0").asText(), pool.at("/spec/roles/1").asText()));
        assertEquals(3, pool.at("/spec/replicas").asInt());

        Set<String> topicNames = new TreeSet<>();
        for (JsonNode topic : chart.ofKind("KafkaTopic")) {
            topicNames.add(topic.at("/spec/topicName").asText());
            assertEquals(8, topic.at("/spec/partitions").asInt());
            assertEquals(3, topic.at("/spec/replicas").asInt());
            assertEquals("ft-fairtune-kafka", topic.at("/metadata/labels/strimzi.io~1cluster").asText());
        }
        assertEquals(new TreeSet<>(TOPICS), topicNames);
        assertTrue(chart.ofKind("Job").isEmpty(), "the Topic Operator creates the topics; no provisioning Job");
        assertEquals("ft-fairtune-kafka-kafka-bootstrap:9092", chart.config().path("KAFKA_BOOTSTRAP_SERVERS").asText());
        assertEquals("PLAINTEXT", chart.config().path("KAFKA_SECURITY_PROTOCOL").asText());
    }

    @Test
    void scramUsesTheKafkaUserSecretAndTheClusterCa() {
        RenderedChart chart = ChartRenderer.render(ValueSets.strimziScramKeda());
        JsonNode listener = chart.get("Kafka", "ft-fairtune-kafka").at("/spec/kafka/listeners/0");
        assertEquals(9093, listener.path("port").asInt());
        assertTrue(listener.path("tls").asBoolean());
        assertEquals("scram-sha-512", listener.at("/authentication/type").asText());
        assertEquals("scram-sha-512", chart.get("KafkaUser", "fairtune").at("/spec/authentication/type").asText());

        JsonNode config = chart.config();
        assertEquals("ft-fairtune-kafka-kafka-bootstrap:9093", config.path("KAFKA_BOOTSTRAP_SERVERS").asText());
        assertEquals("SASL_SSL", config.path("KAFKA_SECURITY_PROTOCOL").asText());
        assertEquals("SCRAM-SHA-512", config.path("KAFKA_SASL_MECHANISM").asText());
        assertEquals("PEM", config.path("KAFKA_SSL_TRUSTSTORE_TYPE").asText());
        assertEquals("/etc/fairtune/kafka-tls/ca.crt", config.path("KAFKA_SSL_TRUSTSTORE_LOCATION").asText());

        JsonNode trainer = chart.container("trainer");
        Map<String, JsonNode> env = RenderedChart.env(trainer);
        assertEquals("fairtune", env.get("FAIRTUNE_KAFKA_PASSWORD").at("/valueFrom/secretKeyRef/name").asText(),
                "the User Operator writes the password into a Secret named after the KafkaUser");
        JsonNode caVolume = Nodes.findByName(chart.component("Deployment", "trainer").at("/spec/template/spec/volumes"), "kafka-tls");
        assertEquals("ft-fairtune-kafka-cluster-ca-cert", caVolume.at("/secret/secretName").asText());

        JsonNode trigger = chart.get("ScaledObject", "ft-fairtune-trainer").at("/spec/triggers/0");
        assertEquals("ft-fairtune-kafka-kafka-bootstrap:9093", trigger.at("/metadata/bootstrapServers").asText());
        assertEquals("scram_sha512", trigger.at("/metadata/sasl").asText());
        JsonNode auth = chart.get("TriggerAuthentication", "ft-fairtune-trainer-kafka");
        assertEquals("ft-fairtune-kafka-cluster-ca-cert",
                Nodes.findByParameter(auth.at("/spec/secretTargetRef"), "ca").path("name").asText());
        assertEquals("fairtune", chart.get("Secret", "ft-fairtune-kafka").at("/stringData/username").asText());
    }
}
