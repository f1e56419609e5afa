package io.fairtune.evaluator.domain;

import io.fairtune.evaluator.config.EvaluatorSettings;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.metrics.Bootstrap;
import io.fairtune.model.metrics.FairnessMetrics;
import io.fairtune.model.metrics.FairnessReport;
import io.fairtune.model.study.EvaluationSpec;
import io.fairtune.model.study.Objective;
import io.fairtune.model.study.ThresholdRule;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Turns one TrialPredicted into an {@link Evaluation}: the sensitive attribute's report (with bootstrap
 * intervals) gives the objectives and the unprefixed metrics; every further report attribute is computed at the
 * same threshold and reported under {@code attr.<name>.}.
 */
@ApplicationScoped
public class TrialEvaluator {

    public static final String REPORT_ATTRIBUTE_PREFIX = "attr.";

    private final ManifestCache manifests;
    private final int maxBootstrapSamples;

    public TrialEvaluator(ManifestCache manifests, EvaluatorSettings settings) {
        this.manifests = manifests;
        this.maxBootstrapSamples = settings.evaluator().maxBootstrapSamples();
    }

    public Evaluation evaluate(TrialPredicted p) {
        EvaluationSpec spec = p.evaluation();
        List<Objective> objectives = objectives(spec);
        SplitIndex split = manifests.split(p.dataset(), p.split());
        String attribute = spec.sensitiveAttribute();
        checkAttribute(split, attribute);
        for (String a : spec.reportAttributes()) {
            checkAttribute(split, a);
        }
        AlignedPredictions aligned = AlignedPredictions.align(split, p.sampleIds(), p.scores());
        int[] labels = aligned.labels();
        double[] scores = aligned.scores();
        Bootstrap bootstrap = Bootstrap.of(Math.max(0, Math.min(spec.bootstrapSamples(), maxBootstrapSamples)),
                spec.seed());

        FairnessReport main = FairnessMetrics.compute(rule(spec), labels, scores, split.groups(attribute), bootstrap);

        Map<String, Double> metrics = new LinkedHashMap<>(main.toFlatMap());
        Map<String, List<String>> undefined = new LinkedHashMap<>();
        undefined.put(attribute, main.undefinedAucGroups());
        for (String a : new LinkedHashSet<>(spec.reportAttributes())) {
            if (a.equals(attribute)) {
                continue;
            }
            FairnessReport extra = FairnessMetrics.compute(labels, scores, split.groups(a), main.threshold());
            metrics.putAll(extra.toFlatMap(REPORT_ATTRIBUTE_PREFIX + a + "."));
            undefined.put(a, extra.undefinedAucGroups());
        }
        List<Double> values = new ArrayList<>();
        for (Objective o : objectives) {
            values.add(main.objective(o));
        }
        return new Evaluation(main.threshold(), labels.length, Collections.unmodifiableList(values), metrics,
                undefined);
    }

    private static ThresholdRule rule(EvaluationSpec spec) {
        return ThresholdRule.of(spec.threshold()).orElseThrow(() -> new EvaluationRejected(
                "unknown threshold rule '" + spec.threshold() + "' (" + ThresholdRule.allIds() + ")"));
    }

    private static List<Objective> objectives(EvaluationSpec spec) {
        if (spec.objectives().isEmpty()) {
            throw new EvaluationRejected("the evaluation spec names no objective");
        }
        List<Objective> out = new ArrayList<>();
        for (String id : spec.objectives()) {
            out.add(Objective.byId(id).orElseThrow(() -> new EvaluationRejected(
                    "unknown objective '" + id + "' (" + Objective.allIds() + ")")));
        }
        return out;
    }

    private static void checkAttribute(SplitIndex split, String attribute) {
        if (attribute == null || !split.attributes().contains(attribute)) {
            throw new EvaluationRejected("the manifest has no attribute column '" + attribute + "' (has "
                    + String.join(", ", split.attributes()) + ")");
        }
    }
}
