package io.fairtune.evaluator.domain;

/** No report for the trial (or the attempt) asked for: nothing of it was evaluated here. */
public class ReportNotFoundException extends RuntimeException {

    public ReportNotFoundException(String trialId, Integer attempt) {
        super("no report for trial " + trialId + (attempt == null ? "" : " attempt " + attempt));
    }
}
