package io.fairtune.optimizer.messaging;

import java.util.Collection;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where the next proposal goes. Kafka assigns partitions to trainers statically and a trainer takes one trial at
 * a time, so hashing trial ids onto partitions queues trials behind a busy trainer while another idles. Instead,
 * pick the trainer with the fewest trials in flight on its partitions, then its least-loaded partition; ties go
 * to the lowest partition number, so the choice is reproducible.
 */
final class LeastLoadedPartition {

    private LeastLoadedPartition() {
    }

    /**
     * @param trainers   the proposals partitions of each live trainer (a member of the trainers' group)
     * @param inFlight   trials in flight per partition; a missing partition has none
     * @return the partition to publish to, empty when no trainer holds any partition
     */
    static OptionalInt choose(Collection<Set<Integer>> trainers, Map<Integer, Long> inFlight) {
        Set<Integer> idlest = null;
        long idlestLoad = Long.MAX_VALUE;
        int idlestFirst = Integer.MAX_VALUE;
        for (Set<Integer> partitions : trainers) {
            if (partitions.isEmpty()) {
                continue;
            }
            long load = partitions.stream().mapToLong(p -> inFlight.getOrDefault(p, 0L)).sum();
            int first = partitions.stream().mapToInt(Integer::intValue).min().getAsInt();
            if (load < idlestLoad || (load == idlestLoad && first < idlestFirst)) {
                idlest = partitions;
                idlestLoad = load;
                idlestFirst = first;
            }
        }
        if (idlest == null) {
            return OptionalInt.empty();
        }
        int best = -1;
        long bestLoad = Long.MAX_VALUE;
        for (int p : idlest.stream().sorted().toList()) {
            long load = inFlight.getOrDefault(p, 0L);
            if (load < bestLoad) {
                best = p;
                bestLoad = load;
            }
        }
        return OptionalInt.of(best);
    }
}
