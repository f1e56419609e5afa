package io.fairtune.optimizer.domain;

import java.util.List;
import java.util.Set;

/** The live trainers as the broker sees them; messaging implements it over the trainers' consumer group. */
public interface TrainerAssignment {

    /** The proposals partitions of each member of the trainers' group; empty when none or the broker cannot tell. */
    List<Set<Integer>> partitionsPerTrainer();
}
