package io.fairtune.model.events;

import java.util.ArrayList;
import java.util.List;

/** Structural checks that JSON decoding alone does not make (required ids, version, array sizes). */
final class EventValidator {

    private EventValidator() {
    }

    static void check(TrialEvent event) {
        List<String> problems = new ArrayList<>();
        if (event.schemaVersion() < 1) {
            problems.add("schemaVersion must be >= 1");
        } else if (event.schemaVersion() > TrialEvent.CURRENT_SCHEMA_VERSION) {
            problems.add("schemaVersion " + event.schemaVersion() + " is newer than supported "
                + TrialEvent.CURRENT_SCHEMA_VERSION);
        }
        if (blank(event.studyId())) {
            problems.add("studyId is required");
        }
        if (blank(event.trialId())) {
            problems.add("trialId is required");
        }
        if (event.attempt() < 1) {
            problems.add("attempt must be >= 1");
        }
        if (event instanceof TrialProposed p) {
            if (p.backbone() == null) problems.add("backbone is required");
            if (p.dataset() == null) problems.add("dataset is required");
            if (p.innerLoop() == null) problems.add("innerLoop is required");
            if (p.evaluation() == null) problems.add("evaluation is required");
            if (blank(p.mask())) problems.add("mask is required");
            if (blank(p.evalSplit())) problems.add("evalSplit is required");
            if (!(p.learningRate() > 0) || Double.isInfinite(p.learningRate())) {
                problems.add("learningRate must be a positive number");
            }
        } else if (event instanceof TrialPredicted p) {
            if (p.sampleIds() == null) problems.add("sampleIds is required");
            if (p.scores() == null) problems.add("scores is required");
            if (p.sampleIds() != null && p.scores() != null && p.sampleIds().size() != p.scores().length) {
                problems.add("sampleIds has " + p.sampleIds().size() + " entries but scores has "
                        + p.scores().length);
            }
            if (p.dataset() == null) problems.add("dataset is required");
            if (p.evaluation() == null) problems.add("evaluation is required");
            if (blank(p.split())) problems.add("split is required");
        } else if (event instanceof TrialFailed f && blank(f.reason())) {
            problems.add("reason is required");
        }
        if (!problems.isEmpty()) {
            throw new MalformedEventException(event.getClass().getSimpleName() + ": " + String.join("; ", problems));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
