package io.fairtune.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrainerThreadsTest {

    @Test
    void trainersSplitTheCoresWithoutGoingBelowOneThread() {
        assertEquals(2, LocalCluster.threadsPerTrainer(2, 1));
        assertEquals(1, LocalCluster.threadsPerTrainer(2, 2));
        assertEquals(1, LocalCluster.threadsPerTrainer(2, 3));
        assertEquals(4, LocalCluster.threadsPerTrainer(16, 4));
        assertEquals(5, LocalCluster.threadsPerTrainer(16, 3));
        assertEquals(8, LocalCluster.threadsPerTrainer(8, 0));
    }
}
