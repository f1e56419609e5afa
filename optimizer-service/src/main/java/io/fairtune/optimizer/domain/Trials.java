package io.fairtune.optimizer.domain;

import io.fairtune.model.events.TrialPhase;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The stored trials and every question asked about them; persistence implements it (the names are Panache's).
 * Callers provide the transaction.
 */
public interface Trials {

    /** The trial, or null. */
    Trial findById(String id);

    /** The study's trial with this number, or null. */
    Trial byNumber(String studyId, int number);

    void persist(Trial trial);

    /** By number. */
    List<Trial> ofStudy(String studyId);

    /** By number. */
    List<Trial> ofStudy(String studyId, TrialPhase phase);

    /**
     * By number, for reading only: changes to them are never written, so no snapshot is kept to detect any (at
     * 5,000 trials copying every row and comparing it again at commit is a good part of a dashboard answer).
     */
    List<Trial> readOnly(String studyId);

    /** One page of a study's trials by number (page from 0). */
    List<Trial> page(String studyId, int page, int size);

    long countInStudy(String studyId);

    long countInPhase(String studyId, TrialPhase phase);

    /** One past the highest trial number of the study (0 for none). */
    int nextNumber(String studyId);

    /** {@link TrialState#ON_A_TRAINER} trials of the study without a heartbeat since {@code deadline}. */
    List<Trial> silentSince(String studyId, Instant deadline);

    /** {@link TrialState#OPEN} trials of the study. */
    List<Trial> open(String studyId);

    Map<TrialState, Long> countByState(String studyId, TrialPhase phase);

    /** Across all studies, for the gauges. */
    Map<TrialState, Long> countByState();

    /** Published {@link TrialState#ON_A_TRAINER} trials of all studies whose partition is known. */
    List<Trial> onTrainerPartitions();

    /** Published {@link TrialState#ON_A_TRAINER} trials of all studies per proposals partition. */
    Map<Integer, Long> onTrainersByPartition();
}
