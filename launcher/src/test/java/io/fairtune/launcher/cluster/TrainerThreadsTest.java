package io.fairtune.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrainerThreadsTest {

    @Test
    void trainersSplitTheCoresLessOneWithoutGoingBelowOneThread() {
        // TorchSpeedBench on 2 shared cores: one intra-op thread trains the tiny ViT faster than two
        assertEquals(1, LocalCluster.threadsPerTrainer(2, 1));
        assertEquals(1, LocalCluster.threadsPerTrainer(2, 2));
        assertEquals(1, LocalCluster.threadsPerTrainer(2, 3));
        assertEquals(1, LocalCluster.threadsPerTrainer(1, 1));
        assertEquals(3, LocalCluster.threadsPerTrainer(4, 1));
        assertEquals(3, LocalCluster.threadsPerTrainer(16, 4));
        assertEquals(5, LocalCluster.threadsPerTrainer(16, 3));
        assertEquals(7, LocalCluster.threadsPerTrainer(8, 0));
    }
}
