package io.fairtune.trainer.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * When a rebalance (a trainer joining, KEDA scaling up) moves a partition whose proposal this trainer is still
 * training, the proposal's offset is committed before the partition goes: the new owner starts after it
 * instead of training the same attempt a second time, and this trainer finishes it and publishes the result.
 * Should this trainer then die, the optimizer's lease re-proposes the trial (the lease, not Kafka's
 * redelivery, is what re-runs a lost trial). A trainer that is stopping commits nothing here: its unfinished
 * proposals are redelivered at once to the trainers that stay. Runs after the connector's own commit of what
 * was acknowledged, on the consumer's polling thread.
 */
@ApplicationScoped
@Identifier(CommitOnRevoke.NAME)
public class CommitOnRevoke implements KafkaConsumerRebalanceListener {

    /** The name {@code consumer-rebalance-listener.name} gives in application.properties. */
    public static final String NAME = "trainer-proposals-rebalance";

    private static final Logger LOG = Logger.getLogger(CommitOnRevoke.class);

    private final ProposalsInFlight inFlight;

    public CommitOnRevoke(ProposalsInFlight inFlight) {
        this.inFlight = inFlight;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!inFlight.takesWork()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> past = inFlight.pastInProgress(partitions);
        if (past.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(past);
            LOG.infof("partitions %s move to another trainer while their proposals train here: committed %s so "
                    + "that they are not trained twice", past.keySet(), past.values());
        } catch (KafkaException e) {
            // the new owner will train it again: wasted time, never a lost or double-counted trial
            LOG.warnf("could not commit %s before the rebalance (%s); the new owner may train it again", past, e);
        }
    }
}
