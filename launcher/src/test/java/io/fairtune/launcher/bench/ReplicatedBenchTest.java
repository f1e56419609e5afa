package io.fairtune.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.study.StudyLimits;
import io.fairtune.model.study.StudySpec;
import io.fairtune.model.study.StudySpecCodec;
import io.fairtune.model.study.StudySpecValidator;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicatedBenchTest {

    static final BenchSettings SETTINGS = new BenchSettings(2, 40, 10, List.of("sex"), 2, 1000, 2, 0, 3, 3, 5, 1);

    @Test
    void bothStudiesOfAReplicateAreValidSpecsThatDifferOnlyInSamplerAndBaselines() throws Exception {
        JsonNode template = EventCodec.mapper().readTree(StudySpecCodec.toJson(StudySpecCodec.fromYaml(
                Files.readString(Path.of("../studies/demo.yaml")))));
        StudySpecValidator validator = new StudySpecValidator(StudyLimits.defaults());
        StudySpec tpe = validator.validated(StudySpecCodec.fromJson(
                BenchSpecs.spec(template, SETTINGS, "age_binary", 1, BenchSpecs.SEARCHED).toString()));
        StudySpec random = validator.validated(StudySpecCodec.fromJson(
                BenchSpecs.spec(template, SETTINGS, "age_binary", 1, BenchSpecs.RANDOM).toString()));
        assertEquals("tpe", tpe.sampler());
        assertEquals("random", random.sampler());
        assertEquals(1001L, tpe.seed());
        assertEquals(tpe.seed(), random.seed(), "same seed: the final phases train on the same seeds");
        assertEquals("age_binary", tpe.sensitiveAttribute());
        assertEquals(List.of(), tpe.reportAttributes());
        assertEquals(40, random.trialBudget());
        assertEquals("successive-halving", tpe.pruner().kind());
        assertEquals(List.of("full", "linear-readout"), tpe.finalPhase().baselines());
        assertEquals(List.of(), random.finalPhase().baselines());
        assertEquals(3, random.finalPhase().reevaluate().topK());
        assertEquals(tpe.innerLoop(), random.innerLoop());
        assertEquals(List.of(), StudySpecValidator.warnings(tpe));
        assertEquals(2 * (40 + 9) + 2 * 4, TrialCount.perReplicate(SETTINGS));
    }

    private static ObjectNode trial(String phase, String arm, long seed, double minAuc, double gap, int seconds) {
        ObjectNode t = EventCodec.mapper().createObjectNode();
        t.put("phase", phase).put("arm", arm).put("seed", seed).put("state", "COMPLETE")
                .put("startedAt", "2026-11-27T10:00:00Z").put("finishedAt", "2026-11-27T10:00:" + String.format("%02d", seconds) + "Z");
        t.putObject("metrics").put("min_auc", minAuc).put("auc_gap", gap);
        return t;
    }

    @Test
    void pairsAreFormedPerFinalSeedAndSummarisedOverReplicatesTimesSeeds() {
        List<ReplicateResult> results = new ArrayList<>();
        // replicate 0: searched beats full by 0.02 and 0.04; replicate 1 by 0.00 and 0.06
        double[][] searchedMinusFull = {{0.02, 0.04}, {0.00, 0.06}};
        for (int r = 0; r < 2; r++) {
            List<JsonNode> tpe = new ArrayList<>(List.of(trial("SEARCH", null, 1, 0.7, 0.1, 10)));
            List<JsonNode> random = new ArrayList<>(List.of(trial("REEVAL", "reeval:0", 1, 0.7, 0.1, 20)));
            for (int k = 0; k < 2; k++) {
                long seed = 100 + k;
                tpe.add(trial("FINAL", "best", seed, 0.80, 0.05, 30));
                tpe.add(trial("FINAL", "baseline:full", seed, 0.80 - searchedMinusFull[r][k], 0.07, 40));
                tpe.add(trial("FINAL", "baseline:linear-readout", seed, 0.60, 0.02, 5));
                random.add(trial("FINAL", "best", seed, 0.79, 0.05, 30));
            }
            results.add(ReplicateResult.of("sex", r, 1000 + r, tpe, random));
        }
        List<PairedDifferences.Pair> pairs = PairedDifferences.pairs(results);
        assertEquals(2 * 2 * 2 * 3, pairs.size(), "replicates x seeds x metrics x comparisons");
        List<PairedDifferences.Row> rows = PairedDifferences.rows(List.of("sex"), pairs);
        PairedDifferences.Row full = rows.stream().filter(r -> r.metric().equals("min_auc") && r.versus().equals("full"))
                .findFirst().orElseThrow();
        // differences 0.02, 0.04, 0.00, 0.06: mean 0.03, sd 0.02582, t(3) 3.182 -> half-width 0.04108
        assertEquals(0.03, full.difference().mean(), 1e-12);
        assertEquals(3.182 * Math.sqrt(0.002 / 3) / 2, full.difference().ci95(), 1e-9);
        assertEquals(4, full.difference().n());
        PairedDifferences.Row gapVsRandom = rows.stream()
                .filter(r -> r.metric().equals("auc_gap") && r.versus().equals("random")).findFirst().orElseThrow();
        assertEquals(0.0, gapVsRandom.difference().mean(), 1e-12);
        assertEquals(0.0, gapVsRandom.difference().ci95(), 1e-12);

        Map<String, ReplicateResult.ArmCost> cost = results.get(0).cost();
        assertEquals(new ReplicateResult.ArmCost(3, 10, 60), cost.get("searched"));
        assertEquals(new ReplicateResult.ArmCost(3, 20, 60), cost.get("random"));
        assertEquals(new ReplicateResult.ArmCost(2, 0, 80), cost.get("full"));
        assertEquals(new ReplicateResult.ArmCost(2, 0, 10), cost.get("linear-readout"));
    }

    @Test
    void outputsAreWrittenAndThePlotIsAPng(@TempDir Path dir) throws Exception {
        List<JsonNode> tpe = List.of(trial("FINAL", "best", 7, 0.8, 0.05, 30), trial("FINAL", "baseline:full", 7, 0.75, 0.1, 30));
        List<JsonNode> random = List.<JsonNode>of(trial("FINAL", "best", 7, 0.7, 0.02, 30));
        BenchOutputs.write(dir, "SMOKE RUN - not results", SETTINGS, List.of(ReplicateResult.of("sex", 0, 1000, tpe, random)),
                List.of("a note"));
        assertEquals(List.of("attribute,comparison,metric,n,mean,ci95_low,ci95_high",
                "sex,searched - full,min_auc,1,0.050000,,", "sex,searched - random,min_auc,1,0.100000,,",
                "sex,searched - full,auc_gap,1,-0.050000,,", "sex,searched - random,auc_gap,1,0.030000,,"),
                Files.readAllLines(dir.resolve("paired-differences.csv")));
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.startsWith("# SMOKE RUN - not results"), readme);
        assertTrue(readme.contains("| sex | min_auc | searched - full | 1 | +0.0500 | n/a (one pair) |"), readme);
        BufferedImage png = ImageIO.read(dir.resolve("paired-differences.png").toFile());
        assertEquals(190 + 2 * (520 + 40), png.getWidth());
    }

    @Test
    void aSubsetManifestKeepsValidationAndTestWhole(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("m.csv");
        Files.write(source, List.of("sample_id,path,label,split,sex", "a,a.jpg,0,train,F", "b,b.jpg,1,train,M",
                "c,c.jpg,0,train,M", "d,d.jpg,1,val,F", "e,e.jpg,0,test,M"));
        Path target = dir.resolve("sub/m.csv");
        assertEquals(2, SubsetManifest.write(source, target, 2, 5));
        List<String> lines = Files.readAllLines(target);
        assertEquals(1 + 2 + 2, lines.size(), "header, 2 of 3 train rows, val and test");
        assertEquals(2, SubsetManifest.trainRows(target));
        assertTrue(lines.contains("d,d.jpg,1,val,F") && lines.contains("e,e.jpg,0,test,M"));
        SubsetManifest.write(source, dir.resolve("again/m.csv"), 2, 5);
        assertEquals(lines, Files.readAllLines(dir.resolve("again/m.csv")), "same seed, same subset");
    }
}
