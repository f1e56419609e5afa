package io.fairtune.optimizer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fairtune.optimizer.domain.QueuedMoves.OnTrainer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which waiting proposals go to idle trainers: no broker, no database. */
class QueuedMovesTest {

    private static OnTrainer running(String id, int partition) {
        return new OnTrainer(id, partition, true, 0);
    }

    private static OnTrainer waiting(String id, int partition, long published) {
        return new OnTrainer(id, partition, false, published);
    }

    @Test
    void aNewcomerGetsTheNewestProposalWaitingBehindARunningTrial() {
        List<Set<Integer>> trainers = List.of(Set.of(0, 1), Set.of(2, 3));
        List<String> moves = QueuedMoves.choose(trainers,
                List.of(running("a", 0), waiting("b", 1, 10), waiting("c", 0, 20)));
        assertEquals(List.of("c"), moves);
    }

    @Test
    void nothingMovesWhileEveryTrainerHasWork() {
        List<Set<Integer>> trainers = List.of(Set.of(0), Set.of(1));
        assertEquals(List.of(), QueuedMoves.choose(trainers,
                List.of(running("a", 0), waiting("b", 0, 10), waiting("c", 1, 20))));
    }

    @Test
    void aTrainerThatRunsNothingKeepsItsOldestWaitingProposal() {
        List<Set<Integer>> trainers = List.of(Set.of(0), Set.of(1), Set.of(2), Set.of(3));
        // trainer 0 has just been given two proposals and started neither: it keeps "b", only "c" moves
        List<String> moves = QueuedMoves.choose(trainers, List.of(waiting("b", 0, 10), waiting("c", 0, 20)));
        assertEquals(List.of("c"), moves);
    }

    @Test
    void idleTrainersAreServedFromTheLongestQueuesFirstAndNeverMoreThanIdle() {
        List<Set<Integer>> trainers = List.of(Set.of(0), Set.of(1), Set.of(2), Set.of(3), Set.of(4));
        List<OnTrainer> load = List.of(
                running("a", 0), waiting("a1", 0, 1), waiting("a2", 0, 2), waiting("a3", 0, 3),
                running("b", 1), waiting("b1", 1, 5));
        // idle: trainers 2, 3, 4; round 1 takes the newest of each queue (a's is longer), round 2 a's next
        assertEquals(List.of("a3", "b1", "a2"), QueuedMoves.choose(trainers, load));
        assertEquals(List.of("a3"), QueuedMoves.choose(List.of(Set.of(0), Set.of(1), Set.of(2)),
                List.of(running("a", 0), waiting("a1", 0, 1), waiting("a3", 0, 3), running("b", 1))));
    }

    @Test
    void trialsOnPartitionsNoTrainerHoldsAreLeftAlone() {
        // partition 9 is not assigned (a trainer left and the group has not rebalanced yet)
        assertEquals(List.of(), QueuedMoves.choose(List.of(Set.of(0), Set.of(1)),
                List.of(running("a", 9), waiting("b", 9, 1), waiting("c", 9, 2))));
    }
}
