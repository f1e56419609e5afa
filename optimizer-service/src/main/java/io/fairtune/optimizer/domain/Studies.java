package io.fairtune.optimizer.domain;

import java.util.List;

/** The stored studies; persistence implements it (the names are Panache's). Callers provide the transaction. */
public interface Studies {

    /** The study, or null. */
    Study findById(String id);

    /** @throws StudyNotFoundException when there is no such study */
    default Study require(String id) {
        Study study = findById(id);
        if (study == null) {
            throw new StudyNotFoundException(id);
        }
        return study;
    }

    void persist(Study study);

    /** Oldest first. */
    List<Study> inState(StudyState... states);

    List<Study> newestFirst();
}
