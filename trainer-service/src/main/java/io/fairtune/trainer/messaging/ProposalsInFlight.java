package io.fairtune.trainer.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The proposals this JVM is running (one per consumer), by partition, and whether it still takes new ones. A
 * rebalance that moves such a partition away ({@link CommitOnRevoke}) and a stopping trainer ({@link
 * DrainOnShutdown}) need to know which trials are in progress here.
 */
@ApplicationScoped
public class ProposalsInFlight {

    private final Map<TopicPartition, Long> offsets = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    void taken(TopicPartition partition, long offset) {
        offsets.put(partition, offset);
    }

    void done(TopicPartition partition) {
        offsets.remove(partition);
    }

    int count() {
        return offsets.size();
    }

    /** From now on proposals are left unacknowledged, for the trainers that stay. */
    void stopTaking() {
        stopping = true;
    }

    boolean takesWork() {
        return !stopping;
    }

    /** The offsets just past the proposals in progress on {@code revoked}: committing them keeps them here. */
    Map<TopicPartition, OffsetAndMetadata> pastInProgress(Collection<TopicPartition> revoked) {
        Map<TopicPartition, OffsetAndMetadata> past = new HashMap<>();
        for (TopicPartition p : revoked) {
            Long offset = offsets.get(p);
            if (offset != null) {
                past.put(p, new OffsetAndMetadata(offset + 1));
            }
        }
        return past;
    }
}
