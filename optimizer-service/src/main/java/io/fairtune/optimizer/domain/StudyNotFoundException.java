package io.fairtune.optimizer.domain;

public class StudyNotFoundException extends RuntimeException {

    public StudyNotFoundException(String id) {
        super("no study with id '" + id + "'");
    }
}
