package io.fairtune.optimizer.messaging;

import io.fairtune.optimizer.config.OptimizerSettings;
import io.fairtune.optimizer.domain.BrokerReach;
import io.fairtune.optimizer.domain.TrainerAssignment;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The live trainers as the broker sees them: the members of the trainers' consumer group and the proposals
 * partitions each one holds. Read from the broker every {@link #REFRESH_MILLIS} on a thread of its own: asking it
 * on the proposal path held the study lock for a broker round trip per proposal (p50 100 ms with 32 trainers on a
 * loaded machine, every other event waiting behind it). A view up to a refresh old only costs balance: a proposal
 * sent to a partition that has just moved is taken by its new owner, and idle trainers get waiting proposals on
 * the next tick ({@code IdleTrainers}).
 */
@ApplicationScoped
public class TrainerGroup implements BrokerReach, TrainerAssignment {

    private static final Logger LOG = Logger.getLogger(TrainerGroup.class);
    private static final long DESCRIBE_TIMEOUT_MS = 2000;
    static final long REFRESH_MILLIS = 500;

    @Inject
    OptimizerSettings settings;

    /** The connector's kafka.* settings (bootstrap, TLS, SASL), so the admin client connects like the channels. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private Admin admin;
    private volatile List<Set<Integer>> view;
    private ScheduledExecutorService refresher;

    @Override
    public List<Set<Integer>> partitionsPerTrainer() {
        if (view == null) {
            startRefreshing();
        }
        return view;
    }

    private synchronized void startRefreshing() {
        if (refresher == null) {
            view = describe();
            refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "trainer-group-view");
                t.setDaemon(true);
                return t;
            });
            refresher.scheduleWithFixedDelay(this::refresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void refresh() {
        try {
            view = describe();
        } catch (RuntimeException e) {
            // a failed refresh must not end the schedule: the next one asks again
            LOG.debugf("trainer group not described (%s)", e.toString());
            view = List.of();
        }
    }

    /** Partitions of the proposals topic per trainer; empty when no trainer is up or the broker cannot tell. */
    private List<Set<Integer>> describe() {
        String groupId = settings.trainerGroup();
        String proposalsTopic = settings.topics().proposed();
        try {
            ConsumerGroupDescription group = admin().describeConsumerGroups(List.of(groupId)).describedGroups()
                    .get(groupId).get(DESCRIBE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return group.members().stream()
                    .map(m -> m.assignment().topicPartitions().stream()
                            .filter(tp -> tp.topic().equals(proposalsTopic))
                            .map(TopicPartition::partition)
                            .collect(Collectors.toUnmodifiableSet()))
                    .filter(partitions -> !partitions.isEmpty())
                    .toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            // the proposal still goes out, placed by its key; only the balance is lost
            LOG.debugf("trainer group %s not described (%s); proposals are placed by key", groupId, e.toString());
            return List.of();
        }
    }

    @Override
    public boolean reachable() {
        try {
            admin().describeCluster().nodes().get(DESCRIBE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return false;
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>();
            kafkaConfig.forEach((k, v) -> {
                if (AdminClientConfig.configNames().contains(k)) {
                    config.put(k, v);
                }
            });
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "optimizer-trainer-group");
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
