package io.fairtune.infra;

import io.fairtune.model.messaging.TopicNames;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Topic provisioning shared by tests and the launcher; the names are {@link TopicNames}. */
public final class Topics {

    private Topics() {
    }

    /** All FairTune topics with {@code partitions} partitions each. */
    public static Map<String, Integer> all(int partitions) {
        return TopicNames.ALL.stream().collect(java.util.stream.Collectors.toMap(t -> t, t -> partitions));
    }

    public static void create(String bootstrapServers, Map<String, Integer> partitionsByTopic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = partitionsByTopic.entrySet().stream()
                    .filter(e -> !existing.contains(e.getKey()))
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
