package io.fairtune.evaluator.support;

import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.study.DatasetRef;
import io.fairtune.model.study.EvaluationSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A small manifest written under the test data root (target/test-data): a val split of {@code n} samples with
 * groups "site" (A, B, C, and some unknown) and "sex" (F, M), plus train rows the evaluator must ignore.
 * The arrays hold the val split in manifest order, for computing expected values independently of the service.
 */
public final class TestSplit {

    public static final Path DATA_ROOT = Path.of("target/test-data");

    public final String name;
    public final DatasetRef ref;
    public final List<String> ids = new ArrayList<>();
    public final int[] labels;
    public final String[] site;
    public final String[] sex;
    public final double[] scores;

    public TestSplit(String name, int n, long seed) {
        this.name = name;
        Random rnd = new Random(seed);
        labels = new int[n];
        site = new String[n];
        sex = new String[n];
        scores = new double[n];
        StringBuilder csv = new StringBuilder("sample_id,path,label,split,site,sex\n");
        String[] sites = {"A", "B", "C"};
        for (int i = 0; i < n; i++) {
            String id = name + "-v" + i;
            ids.add(id);
            labels[i] = rnd.nextDouble() < 0.35 ? 1 : 0;
            site[i] = rnd.nextInt(12) == 0 ? null : sites[rnd.nextInt(3)];
            sex[i] = rnd.nextBoolean() ? "F" : "M";
            // coarse grid: ties within and across labels
            scores[i] = Math.round(Math.min(1, Math.max(0, rnd.nextGaussian() * 0.25
                    + (labels[i] == 1 ? 0.62 : 0.4))) * 20) / 20.0;
            csv.append(id).append(",img/").append(id).append(".png,").append(labels[i]).append(",val,")
                    .append(site[i] == null ? "" : site[i]).append(',').append(sex[i]).append('\n');
        }
        for (int i = 0; i < 5; i++) {
            csv.append(name).append("-t").append(i).append(",img/t").append(i).append(".png,").append(i % 2)
                    .append(",train,A,F\n");
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(DATA_ROOT.resolve("manifests"));
            Files.write(DATA_ROOT.resolve("manifests").resolve(name + ".csv"), bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ref = new DatasetRef("manifests/" + name + ".csv", DatasetManifest.sha256(bytes));
    }

    public static EvaluationSpec spec(String threshold, String... objectives) {
        return new EvaluationSpec("site", List.of("sex"), List.of(objectives), threshold, 200, 7L);
    }

    /** Predictions in a shuffled order (the evaluator must align by id, not by position). */
    public TrialPredicted predicted(String trialId, int attempt, EvaluationSpec spec) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(trialId.hashCode()));
        List<String> sentIds = new ArrayList<>();
        double[] sent = new double[order.size()];
        for (int k = 0; k < order.size(); k++) {
            sentIds.add(ids.get(order.get(k)));
            sent[k] = scores[order.get(k)];
        }
        return predicted(trialId, attempt, spec, sentIds, sent, ref);
    }

    public TrialPredicted predicted(String trialId, int attempt, EvaluationSpec spec, List<String> sentIds,
                                    double[] sent, DatasetRef dataset) {
        return new TrialPredicted(1, "study-" + name, trialId, attempt, TrialPhase.SEARCH, "trainer-test", dataset,
                "val", spec, sentIds, sent, 3, 1.5, Instant.parse("2025-01-01T00:00:00Z"));
    }
}
