package io.fairtune.optimizer.domain;

import io.fairtune.model.events.TrialCancelled;
import io.fairtune.model.events.TrialProposed;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Where proposals and cancellations go once the change that produced them has committed; messaging implements
 * it over Kafka. Every send returns after the broker acknowledged it.
 */
public interface ProposalOutbox {

    /**
     * Publishes the proposals in order, each to a partition of the least-busy trainer.
     *
     * @param onTrainers trials on trainers per proposals partition before this batch
     * @param published  called after each send with the partition chosen (null when the key chose it)
     */
    void propose(List<TrialProposed> proposals, Map<Integer, Long> onTrainers,
                 BiConsumer<TrialProposed, Integer> published);

    void cancel(TrialCancelled cancelled);
}
