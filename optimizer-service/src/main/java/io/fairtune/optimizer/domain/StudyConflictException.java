package io.fairtune.optimizer.domain;

/** The request is valid but the study's state does not allow it (e.g. enqueue into a completed study). */
public class StudyConflictException extends RuntimeException {

    public StudyConflictException(String message) {
        super(message);
    }
}
