package io.fairtune.optimizer.domain;

/** What was asked of a study does not exist: the study itself, or (not yet) its best trial. A 404. */
public class StudyNotFoundException extends RuntimeException {

    public StudyNotFoundException(String id) {
        super("no study with id '" + id + "'");
    }

    private StudyNotFoundException(String message, boolean ignored) {
        super(message);
    }

    public static StudyNotFoundException noBestTrialYet(String id) {
        return new StudyNotFoundException("study " + id + " has no completed trial with a defined objective yet",
                true);
    }
}
