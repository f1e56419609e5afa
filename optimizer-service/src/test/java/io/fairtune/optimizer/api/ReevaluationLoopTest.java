package io.fairtune.optimizer.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.events.Divergence;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.optimizer.support.Credentials;
import io.fairtune.optimizer.support.FakeWorkers;
import io.fairtune.optimizer.support.Specs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Noise-aware selection over the real broker and database, the test playing trainer and evaluator: a search whose
 * single-seed scores rank the masks in the opposite order of their true quality, so the search's winner is the
 * worst of the top two; re-evaluating them on fresh seeds must hand the final phase the better one, and the report
 * must show how optimistic the search score was. One search trial diverges; the final phase's test split has a group
 * with too few positives. (REST Assured parses JSON numbers as float, hence the 1e-6 tolerances.)
 */
@QuarkusTest
class ReevaluationLoopTest {

    /** Re-evaluation noise per seed index: it averages to zero over the three seeds. */
    private static final double[] NOISE = {0.01, -0.01, 0.0};
    private static final Divergence DIVERGED = new Divergence("training loss", "NaN", 2, 7, 1e-3);

    private static FakeWorkers workers;

    @BeforeAll
    static void startWorkers() {
        workers = new FakeWorkers();
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    @BeforeEach
    void asOperator() {
        Credentials.asOperator();
    }

    /** The mask's true validation score: distinct for distinct masks. */
    static double truth(String mask) {
        return 0.5 + 0.4 * Long.parseLong(mask, 2) / (double) (1L << mask.length());
    }

    /** What a single search seed reports: the better the mask, the worse it looks. */
    static double searchScore(String mask) {
        return 1.4 - truth(mask);
    }

    static Map<String, Double> testMetrics(double auc) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("overall.auc", 0.55);
        m.put("overall.positives", 24.0);
        m.put("overall.negatives", 26.0);
        m.put("group.female.positives", 4.0);
        m.put("group.female.negatives", 100.0);
        m.put("group.female.auc", auc);
        m.put("min_auc", auc);
        return m;
    }

    static final BiConsumer<TrialProposed, FakeWorkers> NOISY_SEARCH = (p, w) -> {
        w.started(p);
        if (p.phase() == TrialPhase.SEARCH && p.trialNumber() == 0) {
            w.failed(p, false, DIVERGED.reason());
            return;
        }
        double value = switch (p.phase()) {
            case SEARCH -> searchScore(p.mask());
            case REEVAL -> truth(p.mask()) + NOISE[Integer.parseInt(p.label().replaceAll(".* seed ", "")) - 1];
            case FINAL -> p.mask().startsWith("baseline:") ? 0.6 : truth(p.mask()) - 0.05;
        };
        w.scored(p, List.of(value), p.phase() == TrialPhase.FINAL ? testMetrics(value) : Map.of("min_auc", value));
    };

    @Test
    void theReevaluationHandsTheFinalPhaseTheMaskThatIsGoodOnFreshSeedsAndTheReportMeasuresTheCurse() {
        String id = StudyLoopTest.create(Specs.study("reevaluate").sampler("random").budget(6).parallelism(2)
                .finalPhase(2, "[\"full\"]").reevaluate("{\"topK\":2,\"seeds\":3}").seed(11).json());
        workers.serve(id, NOISY_SEARCH);
        StudyLoopTest.awaitState(id, "COMPLETED", 120);

        List<Map<String, Object>> search = StudyLoopTest.trials(id, "SEARCH");
        List<Map<String, Object>> reeval = StudyLoopTest.trials(id, "REEVAL");
        List<Map<String, Object>> fin = StudyLoopTest.trials(id, "FINAL");
        assertEquals(6, search.size());
        assertEquals(6, reeval.size(), "top 2 x 3 seeds");
        assertEquals(4, fin.size(), "2 seeds x (winner + full)");
        reeval.forEach(t -> assertEquals("COMPLETE", t.get("state")));
        assertEquals(6, StudyLoopTest.study(id).getInt("reevaluationTrials.COMPLETE"), "the study view counts them");

        // the search ranks by its noisy score; the top two go to re-evaluation
        List<Map<String, Object>> ranked = search.stream().filter(t -> "COMPLETE".equals(t.get("state")))
                .sorted(Comparator.comparingDouble(t -> -searchScore((String) t.get("mask")))).toList();
        Map<String, Object> searchWinner = ranked.get(0);
        Map<String, Object> runnerUp = ranked.get(1);
        assertTrue(truth((String) runnerUp.get("mask")) > truth((String) searchWinner.get("mask")));
        assertEquals(Set.of(searchWinner.get("mask"), runnerUp.get("mask")),
                new HashSet<>(reeval.stream().map(t -> t.get("mask")).toList()));
        for (TrialProposed p : workers.proposalsOf(id)) {
            if (p.phase() == TrialPhase.REEVAL) {
                assertEquals("val", p.evalSplit());
                Map<String, Object> source = p.mask().equals(searchWinner.get("mask")) ? searchWinner : runnerUp;
                assertEquals(((Number) source.get("learningRate")).doubleValue(), p.learningRate(), p.learningRate() * 1e-6,
                        "re-trained with its searched lr");
            }
        }
        // both candidates train on the same three fresh seeds, none of them a search or final seed
        Set<Long> reevalSeeds = new HashSet<>();
        reeval.forEach(t -> reevalSeeds.add(((Number) t.get("seed")).longValue()));
        assertEquals(3, reevalSeeds.size());
        search.forEach(t -> assertTrue(!reevalSeeds.contains(((Number) t.get("seed")).longValue())));
        fin.forEach(t -> assertTrue(!reevalSeeds.contains(((Number) t.get("seed")).longValue())));
        // the final phase is planned after the last re-evaluation ended, with the re-evaluation's choice
        Instant lastReeval = reeval.stream().map(t -> Instant.parse((String) t.get("finishedAt"))).max(Comparator.naturalOrder())
                .orElseThrow();
        fin.forEach(t -> assertTrue(!Instant.parse((String) t.get("createdAt")).isBefore(lastReeval)));
        fin.stream().filter(t -> "best".equals(t.get("arm")))
                .forEach(t -> assertEquals(runnerUp.get("mask"), t.get("mask"), "not the lucky search winner"));
        assertNotEquals(searchWinner.get("mask"), runnerUp.get("mask"));

        JsonPath report = given().get("/studies/" + id + "/report").then().statusCode(200).extract().jsonPath();
        String winner = (String) runnerUp.get("mask");
        assertEquals(((Number) runnerUp.get("number")).intValue(), report.getInt("best.number"));
        assertEquals(((Number) runnerUp.get("number")).intValue(), report.getInt("winnersCurse.trialNumber"));
        assertEquals("mean", report.getString("winnersCurse.selectedBy"));
        assertEquals(searchScore(winner), report.getDouble("winnersCurse.searchScore"), 1e-6);
        assertEquals(truth(winner), report.getDouble("winnersCurse.reevaluated.mean"), 1e-6);
        assertEquals(4.303 * 0.01 / Math.sqrt(3), report.getDouble("winnersCurse.reevaluated.ci95"), 1e-6);
        assertEquals(3, report.getInt("winnersCurse.reevaluated.n"));
        assertEquals(truth(winner) - 0.05, report.getDouble("winnersCurse.test.mean"), 1e-6);
        assertEquals(searchScore(winner) - truth(winner), report.getDouble("winnersCurse.searchMinusReevaluated"), 1e-6);
        assertEquals(searchScore(winner) - truth(winner) + 0.05, report.getDouble("winnersCurse.searchMinusTest"), 1e-6);
        assertEquals(List.of(false, true), report.getList("winnersCurse.candidates.chosen"));
        assertEquals(searchScore((String) searchWinner.get("mask")),
                report.getDouble("winnersCurse.candidates[0].searchScore"), 1e-6);

        // the diverged search trial: its place in the trial table, the API and the report
        Map<String, Object> diverged = search.stream().filter(t -> ((Number) t.get("number")).intValue() == 0)
                .findFirst().orElseThrow();
        assertEquals("FAILED", diverged.get("state"));
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) diverged.get("divergence");
        assertEquals(2, d.get("epoch"));
        assertEquals(7, d.get("step"));
        assertEquals(1e-3, ((Number) d.get("learningRate")).doubleValue(), 1e-9);
        assertEquals(List.of(0), report.getList("diverged.number"));
        assertEquals(List.of(7), report.getList("diverged.divergence.step"));
        search.stream().filter(t -> t != diverged).forEach(t -> assertNull(t.get("divergence")));

        // the test split's numbers come with what they cannot say
        List<String> caveats = report.getList("arms[0].caveats");
        assertTrue(caveats.contains("group female has 4 positives and 100 negatives (fewer than 10): its AUC "
                + String.format(java.util.Locale.ROOT, "%.3f", truth(winner) - 0.05) + " cannot be estimated reliably"),
                caveats.toString());
        assertTrue(caveats.contains("overall AUC 0.550: its 95% interval [0.389, 0.711] (Hanley-McNeil, 24 positives, 26 "
                + "negatives) includes 0.5, so the model is not shown to beat chance"), caveats.toString());
    }
}
