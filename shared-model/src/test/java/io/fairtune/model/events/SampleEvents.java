package io.fairtune.model.events;

import io.fairtune.model.study.BackboneSpec;
import io.fairtune.model.study.DatasetRef;
import io.fairtune.model.study.EvaluationSpec;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.model.study.VitConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fully populated event of every type. */
public final class SampleEvents {

    static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");
    static final DatasetRef DATASET = new DatasetRef("ham10000/manifest.csv", "ab".repeat(32));
    static final EvaluationSpec EVALUATION = new EvaluationSpec("sex", List.of("age_binary"),
            List.of("min_auc", "auc_gap"), EvaluationSpec.THRESHOLD_FIXED, 200, 7L);

    private SampleEvents() {
    }

    public static List<TrialEvent> all() {
        return List.of(
                new TrialProposed(1, "s1", "t1", 1, 3, TrialPhase.SEARCH, "search #3", "blocks", "010011000001",
                        3.2e-4, 42L, BackboneSpec.vit("vit-tiny.params", VitConfig.tiny()), DATASET,
                        InnerLoopSpec.defaults(), EVALUATION, "val", AT),
                new TrialStarted(1, "s1", "t1", 1, "trainer-0", AT),
                new TrialProgress(1, "s1", "t1", 1, "trainer-0", 2, 5, 0.41, null, 812.5, AT),
                new TrialPredicted(1, "s1", "t1", 1, TrialPhase.SEARCH, "trainer-0", DATASET, "val", EVALUATION,
                        List.of("a", "b", "c"), new double[] {0.1, 0.999, 0.5}, 5, 12.5, AT),
                new TrialScored(1, "s1", "t1", 1, TrialPhase.SEARCH, "val", java.util.Arrays.asList(0.71, null),
                        Map.of("overall.auc", 0.8, "group.F.auc", 0.71), AT),
                new TrialFailed(1, "s1", "t1", 1, TrialFailed.STAGE_TRAINING, "CUDA out of memory", true, AT),
                new TrialCancelled(1, "s1", "t1", 1, "pruned at epoch 2", AT),
                new TrialStarted(1, "s1", "t1", 2, "trainer-1", AT, new TrialStarted.Resumption(3, 17, 412.5)));
    }
}
