package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.infra.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provisioning Job's script, as rendered, against a real KRaft broker. kafka-topics.sh is Kafka's
 * own TopicCommand (what the script in the apache/kafka image runs), launched from this test's classpath.
 */
class TopicsJobAgainstKafkaTest {

    private static final List<String> TOPICS = List.of("fairtune.trials.proposed", "fairtune.trials.progress",
            "fairtune.trials.predicted", "fairtune.trials.scored", "fairtune.trials.control", "fairtune.trials.dlq");

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.startEphemeral(1);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void createsMissingTopicsGrowsSmallOnesAndIsIdempotent() throws Exception {
        try (Admin admin = admin()) {
            // an earlier release with fewer partitions left one topic behind
            admin.createTopics(List.of(new NewTopic("fairtune.trials.scored", 3, (short) 1))).all().get();

            RenderedChart chart = ChartRenderer.render(ValueSets.defaults().named("topics-job-real-kafka")
                    .with("kafka.bootstrapServers", broker.bootstrapServers())
                    .with("topics.replicationFactor", 1)
                    .with("topics.provisioning.helmHook", false)
                    .with("topics.config.retention\\.ms", 604800000));
            Path kafkaHome = kafkaHomeWithTopicCommand();

            JobScript.Result first = JobScript.run(chart, Map.of(), Map.of("KAFKA_HOME", kafkaHome.toString()), tmp);
            assertEquals(0, first.exit(), first.output());
            assertTrue(first.output().contains("growing fairtune.trials.scored from 3 to 8 partitions"), first.output());
            assertEquals(expected(8), partitions(admin));
            String retention = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "fairtune.trials.proposed")))
                    .all().get().values().iterator().next().get("retention.ms").value();
            assertEquals("604800000", retention, "topics.config reaches newly created topics");

            // post-upgrade runs it again: nothing to create, nothing to grow
            JobScript.Result second = JobScript.run(chart, Map.of(), Map.of("KAFKA_HOME", kafkaHome.toString()), tmp);
            assertEquals(0, second.exit(), second.output());
            assertTrue(!second.output().contains("growing"), second.output());
            assertEquals(expected(8), partitions(admin));
        }
    }

    private Path kafkaHomeWithTopicCommand() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("kafka/bin"));
        Path script = bin.resolve("kafka-topics.sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/bash\nexec '" + java + "' -Xmx256m -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' org.apache.kafka.tools.TopicCommand \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin.getParent();
    }

    private static Map<String, Integer> expected(int partitions) {
        Map<String, Integer> m = new TreeMap<>();
        TOPICS.forEach(t -> m.put(t, partitions));
        return m;
    }

    private static Map<String, Integer> partitions(Admin admin) throws Exception {
        Set<String> names = admin.listTopics().names().get();
        Map<String, Integer> m = new TreeMap<>();
        Map<String, TopicDescription> d = admin.describeTopics(names).allTopicNames().get();
        d.forEach((name, desc) -> {
            if (name.startsWith("fairtune.")) {
                m.put(name, desc.partitions().size());
            }
        });
        return m;
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(p);
    }
}
