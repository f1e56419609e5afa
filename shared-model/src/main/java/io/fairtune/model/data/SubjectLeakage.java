package io.fairtune.model.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A medical dataset must be split by patient: images of one patient in two splits let the model be validated
 * or tested on someone it was trained on. When a manifest names its subjects ({@code subject_id} or
 * {@code patient_id}), a subject found in more than one split makes the manifest invalid.
 */
final class SubjectLeakage {

    static final List<String> SUBJECT_COLUMNS = List.of("subject_id", "patient_id");
    private static final int NAMED = 10;

    private SubjectLeakage() {
    }

    /** @throws InvalidManifestException naming the subjects found in more than one split (the first ten) */
    static void check(String column, List<ManifestSample> samples) {
        Map<String, TreeSet<String>> splitsBySubject = new TreeMap<>();
        for (ManifestSample s : samples) {
            String subject = s.group(column);
            if (subject != null) {
                splitsBySubject.computeIfAbsent(subject, k -> new TreeSet<>()).add(s.split());
            }
        }
        List<String> leaking = new ArrayList<>();
        splitsBySubject.forEach((subject, splits) -> {
            if (splits.size() > 1) {
                leaking.add(subject + " (" + String.join(", ", splits) + ")");
            }
        });
        if (!leaking.isEmpty()) {
            throw new InvalidManifestException(leaking.size() + " " + column + (leaking.size() == 1 ? " is" : "s are")
                    + " in more than one split; split a medical dataset by patient: "
                    + String.join("; ", leaking.subList(0, Math.min(NAMED, leaking.size())))
                    + (leaking.size() > NAMED ? "; …" : ""));
        }
    }
}
