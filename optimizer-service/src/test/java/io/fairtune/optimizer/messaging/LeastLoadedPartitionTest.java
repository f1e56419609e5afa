package io.fairtune.optimizer.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeastLoadedPartitionTest {

    private static final List<Set<Integer>> TWO_TRAINERS = List.of(Set.of(0, 1), Set.of(2, 3));

    @Test
    void noTrainerMeansPlacementByKey() {
        assertEquals(OptionalInt.empty(), LeastLoadedPartition.choose(List.of(), Map.of()));
        assertEquals(OptionalInt.empty(), LeastLoadedPartition.choose(List.of(Set.of()), Map.of(0, 1L)));
    }

    @Test
    void idleClusterStartsAtTheLowestPartition() {
        assertEquals(OptionalInt.of(0), LeastLoadedPartition.choose(TWO_TRAINERS, Map.of()));
    }

    @Test
    void theNextTrialGoesToTheOtherTrainerNotToTheBusyOnesOtherPartition() {
        // trainer {0,1} has one trial on partition 0: partition 1 is idle, but its trainer is not
        assertEquals(OptionalInt.of(2), LeastLoadedPartition.choose(TWO_TRAINERS, Map.of(0, 1L)));
    }

    @Test
    void loadIsCountedPerTrainerThenPerPartition() {
        Map<Integer, Long> load = Map.of(0, 1L, 2, 1L, 3, 1L);
        assertEquals(OptionalInt.of(1), LeastLoadedPartition.choose(TWO_TRAINERS, load));
        // partitions foreign to every trainer (no longer assigned) do not count
        assertEquals(OptionalInt.of(4), LeastLoadedPartition.choose(List.of(Set.of(4, 5), Set.of(6)),
                Map.of(0, 9L, 6, 1L)));
    }

    @Test
    void unevenAssignmentsStillBalanceTrainersNotPartitions() {
        List<Set<Integer>> trainers = List.of(Set.of(0, 1, 2), Set.of(3));
        assertEquals(OptionalInt.of(3), LeastLoadedPartition.choose(trainers, Map.of(0, 1L)));
        assertEquals(OptionalInt.of(1), LeastLoadedPartition.choose(trainers, Map.of(0, 1L, 3, 1L)));
    }
}
