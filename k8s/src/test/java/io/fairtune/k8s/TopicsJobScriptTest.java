package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provisioning Job's script on a SASL_SSL cluster, against a stand-in kafka-topics.sh that records
 * its arguments and reports one existing topic with too few partitions. (TopicsJobAgainstKafkaTest runs
 * the same script against a real broker with Kafka's own TopicCommand.)
 */
class TopicsJobScriptTest {

    @TempDir
    Path tmp;

    @Test
    void writesTheSaslSslClientConfigAndCreatesTheSixTopics() throws Exception {
        RenderedChart chart = ChartRenderer.render(ValueSets.externalSaslTls());
        JsonNode job = chart.ofKind("Job").get(0);
        assertEquals("ft-fairtune-topics-1", job.at("/metadata/name").asText());
        JsonNode container = JobScript.container(chart);
        assertEquals("docker.io/apache/kafka:4.1.1", container.path("image").asText());
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());

        Path kafkaHome = tmp.resolve("kafka");
        Path log = tmp.resolve("calls.log");
        Files.createDirectories(kafkaHome.resolve("bin"));
        Path fake = kafkaHome.resolve("bin/kafka-topics.sh");
        Files.writeString(fake, """
                #!/bin/bash
                echo "$*" >> "$CALLS_LOG"
                if [[ " $* " == *" --describe "* && " $* " == *" fairtune.trials.scored "* ]]; then
                  printf 'Topic: fairtune.trials.scored\\tTopicId: x\\tPartitionCount: 3\\tReplicationFactor: 3\\n'
                fi
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

        JobScript.Result r = JobScript.run(chart,
                Map.of("FAIRTUNE_KAFKA_USERNAME", "fairtune-svc", "FAIRTUNE_KAFKA_PASSWORD", ValueSets.KAFKA_PASSWORD),
                Map.of("KAFKA_HOME", kafkaHome.toString(), "CALLS_LOG", log.toString()), tmp);
        assertEquals(0, r.exit(), r.output());

        List<String> calls = Files.readAllLines(log);
        List<String> creates = calls.stream().filter(c -> c.contains("--create")).toList();
        assertEquals(6, creates.size(), calls::toString);
        for (String topic : List.of("fairtune.trials.proposed", "fairtune.trials.progress", "fairtune.trials.predicted",
                "fairtune.trials.scored", "fairtune.trials.control", "fairtune.trials.dlq")) {
            assertTrue(creates.stream().anyMatch(c -> c.contains("--topic " + topic + " ")
                    && c.contains("--if-not-exists") && c.contains("--partitions 8") && c.contains("--replication-factor 3")
                    && c.contains("--bootstrap-server kafka-0.example.internal:9093,kafka-1.example.internal:9093")),
                    () -> "no create for " + topic + " in " + creates);
        }
        List<String> alters = calls.stream().filter(c -> c.contains("--alter")).toList();
        assertEquals(List.of("fairtune.trials.scored"), alters.stream()
                .map(c -> c.replaceAll(".*--topic (\\S+).*", "$1")).toList(), "only the 3-partition topic grows");

        String props = Files.readString(tmp.resolve("client.properties"));
        assertTrue(props.contains("security.protocol=SASL_SSL"), props);
        assertTrue(props.contains("sasl.mechanism=SCRAM-SHA-512"), props);
        assertTrue(props.contains("username=\"fairtune-svc\" password=\"" + ValueSets.KAFKA_PASSWORD + "\";"), props);
        assertTrue(props.contains("ssl.truststore.type=PEM"), props);
        assertTrue(props.contains("ssl.truststore.location=/etc/fairtune/kafka-tls/ca.crt"), props);
    }

    @Test
    void defaultJobIsAHelmHookThatDeletesItselfOnSuccess() throws Exception {
        // helm-java returns the release manifest without hooks, so the hook branch is checked as source
        String source = Files.readString(ValueSets.chartDir().resolve("templates/kafka/topics-job.yaml"));
        assertTrue(source.contains("helm.sh/hook: post-install,post-upgrade"));
        assertTrue(source.contains("helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded"));
        assertTrue(ChartRenderer.render(ValueSets.defaults()).ofKind("Job").isEmpty(),
                "as a hook the Job is not part of the release manifest");
    }
}
