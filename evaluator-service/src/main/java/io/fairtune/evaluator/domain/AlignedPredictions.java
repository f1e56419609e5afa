package io.fairtune.evaluator.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Predictions checked against a split and put in split order: exactly one finite score in [0, 1] per sample
 * of the split. Any violation rejects the whole trial with a reason naming the count and the first offenders.
 */
public final class AlignedPredictions {

    private static final int EXAMPLES = 3;

    private final SplitIndex split;
    private final double[] scores;

    private AlignedPredictions(SplitIndex split, double[] scores) {
        this.split = split;
        this.scores = scores;
    }

    public static AlignedPredictions align(SplitIndex split, List<String> sampleIds, double[] scores) {
        if (sampleIds.size() != scores.length) {
            throw new EvaluationRejected(sampleIds.size() + " sample ids but " + scores.length + " scores");
        }
        if (split.size() == 0) {
            throw new EvaluationRejected("split '" + split.split() + "' of the manifest has no samples");
        }
        List<String> badScores = new ArrayList<>();
        int badScoreCount = 0;
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            if (!(s >= 0 && s <= 1)) {
                badScoreCount++;
                if (badScores.size() < EXAMPLES) {
                    badScores.add(sampleIds.get(i) + "=" + s);
                }
            }
        }
        if (badScoreCount > 0) {
            throw new EvaluationRejected(badScoreCount + " score(s) outside [0,1] or NaN, e.g. "
                    + String.join(", ", badScores));
        }
        double[] aligned = new double[split.size()];
        boolean[] seen = new boolean[split.size()];
        List<String> unknown = new ArrayList<>();
        int unknownCount = 0;
        List<String> duplicates = new ArrayList<>();
        int duplicateCount = 0;
        for (int i = 0; i < scores.length; i++) {
            String id = sampleIds.get(i);
            int pos = id == null ? -1 : split.position(id);
            if (pos < 0) {
                if (unknownCount++ < EXAMPLES) {
                    unknown.add(String.valueOf(id));
                }
            } else if (seen[pos]) {
                if (duplicateCount++ < EXAMPLES) {
                    duplicates.add(id);
                }
            } else {
                seen[pos] = true;
                aligned[pos] = scores[i];
            }
        }
        if (unknownCount > 0) {
            throw new EvaluationRejected(unknownCount + " unknown sample id(s) not in split '" + split.split()
                    + "' of the manifest, e.g. " + String.join(", ", unknown));
        }
        if (duplicateCount > 0) {
            throw new EvaluationRejected(duplicateCount + " duplicate sample id(s), e.g. "
                    + String.join(", ", duplicates));
        }
        List<String> missing = new ArrayList<>();
        int missingCount = 0;
        for (int pos = 0; pos < seen.length; pos++) {
            if (!seen[pos] && missingCount++ < EXAMPLES) {
                missing.add(split.sampleId(pos));
            }
        }
        if (missingCount > 0) {
            throw new EvaluationRejected(missingCount + " missing sample id(s) of split '" + split.split()
                    + "' without a prediction, e.g. " + String.join(", ", missing));
        }
        return new AlignedPredictions(split, aligned);
    }

    public SplitIndex split() {
        return split;
    }

    /** Scores in split order. */
    public double[] scores() {
        return scores;
    }

    public int[] labels() {
        int[] labels = new int[split.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = split.label(i);
        }
        return labels;
    }
}
