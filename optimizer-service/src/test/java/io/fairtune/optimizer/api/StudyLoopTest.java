package io.fairtune.optimizer.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.messaging.TopicNames;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.optimizer.sampler.ParetoFront;
import io.fairtune.optimizer.support.Credentials;
import io.fairtune.optimizer.support.FakeWorkers;
import io.fairtune.optimizer.support.Specs;
import io.fairtune.optimizer.support.Synthetic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole outer loop over the real broker and database, with the test as trainer and evaluator. (REST
 * Assured parses JSON numbers as float, hence the 1e-6 tolerances.)
 */
@QuarkusTest
class StudyLoopTest {

    @BeforeEach
    void asOperator() {
        Credentials.asOperator();
    }

    private static FakeWorkers workers;

    @BeforeAll
    static void startWorkers() {
        workers = new FakeWorkers();
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    static String create(String json) {
        return given().contentType(ContentType.JSON).body(json).post("/studies").then().statusCode(201)
                .extract().path("id");
    }

    static JsonPath study(String id) {
        return given().get("/studies/" + id).then().statusCode(200).extract().jsonPath();
    }

    static void awaitState(String id, String state, int seconds) {
        await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(study(id).getString("state")));
    }

    static List<Map<String, Object>> trials(String id) {
        return given().get("/studies/" + id + "/trials?size=500").then().statusCode(200).extract().jsonPath()
                .getList("items");
    }

    static List<Map<String, Object>> trials(String id, String phase) {
        return trials(id).stream().filter(t -> phase.equals(t.get("phase"))).toList();
    }

    static Map<String, Object> trial(String id, String trialId) {
        return trials(id).stream().filter(t -> trialId.equals(t.get("id"))).findFirst().orElseThrow();
    }

    /** Trains and scores honestly: objective = Synthetic.minAuc(mask). */
    static final BiConsumer<TrialProposed, FakeWorkers> HONEST = (p, w) -> {
        w.started(p);
        w.progress(p, 1, Synthetic.minAuc(p.mask()));
        w.scored(p, List.of(Synthetic.minAuc(p.mask())), Synthetic.metrics(p.mask(), p.seed()));
    };

    @Test
    void budgetIsMetExactlyDuplicatesDoNotCountAndTheFinalPhaseReports() {
        String id = create(Specs.study("full-loop").budget(10).parallelism(3)
                .finalPhase(2, "[\"full\",\"linear-readout\"]").json());
        // every score is delivered twice, as at-least-once delivery may do
        workers.serve(id, (p, w) -> {
            HONEST.accept(p, w);
            w.scored(p, List.of(Synthetic.minAuc(p.mask())), Synthetic.metrics(p.mask(), p.seed()));
        });
        awaitState(id, "COMPLETED", 90);

        JsonPath s = study(id);
        assertEquals(10, s.getInt("counted"));
        assertEquals(10, s.getInt("complete"));
        List<Map<String, Object>> search = trials(id, "SEARCH");
        List<Map<String, Object>> fin = trials(id, "FINAL");
        assertEquals(10, search.size(), "exactly the budget of search trials was created");
        assertEquals(6, fin.size(), "2 seeds x (best + 2 baselines)");
        search.forEach(t -> assertEquals("COMPLETE", t.get("state")));
        fin.forEach(t -> assertEquals("COMPLETE", t.get("state")));
        assertEquals(10, search.stream().map(t -> t.get("mask")).distinct().count(), "no mask twice");

        List<TrialProposed> proposals = workers.proposalsOf(id);
        Set<String> attempts = new HashSet<>();
        proposals.forEach(p -> assertTrue(attempts.add(p.attemptKey()), "published twice: " + p.attemptKey()));
        assertEquals(16, attempts.size());
        proposals.forEach(p -> assertEquals(p.phase() == TrialPhase.SEARCH ? "val" : "test", p.evalSplit()));

        // the winner is retrained with its searched lr; baselines use the geometric midpoint; arms share seeds
        Map<String, Object> best = given().get("/studies/" + id + "/best").then().statusCode(200).extract()
                .jsonPath().getMap("");
        double bestValue = search.stream().mapToDouble(t -> Synthetic.minAuc((String) t.get("mask"))).max().orElseThrow();
        assertEquals(bestValue, ((List<Number>) best.get("objectives")).get(0).doubleValue(), 1e-6);
        assertEquals(bestValue, s.getDouble("bestObjective"), 1e-6);
        for (TrialProposed p : proposals) {
            if (p.phase() != TrialPhase.FINAL) {
                continue;
            }
            if (p.mask().startsWith("baseline:")) {
                assertEquals(1e-4, p.learningRate(), 1e-6);
            } else {
                assertEquals(best.get("mask"), p.mask());
                assertEquals(((Number) best.get("learningRate")).doubleValue(), p.learningRate(), p.learningRate() * 1e-6);
            }
        }
        Map<Object, Set<Long>> seedsByLabelSeed = new java.util.HashMap<>();
        for (Map<String, Object> t : fin) {
            seedsByLabelSeed.computeIfAbsent(((String) t.get("label")).replaceAll(".* seed ", ""), k -> new HashSet<>())
                    .add(((Number) t.get("seed")).longValue());
        }
        seedsByLabelSeed.values().forEach(seeds -> assertEquals(1, seeds.size(), "arms share the seed of an index"));

        JsonPath report = given().get("/studies/" + id + "/report").then().statusCode(200).extract().jsonPath();
        assertTrue(report.getBoolean("complete"));
        assertEquals(List.of("best", "baseline:full", "baseline:linear-readout"), report.getList("arms.arm"));
        assertEquals(List.of(2, 2, 2), report.getList("arms.seedsScored"));
        assertEquals(0.7 + 0.05, report.getDouble("arms[1].metrics.'overall.auc'.mean"), 0.01);
        assertNotNull(report.get("arms[0].metrics.min_auc.ci95"));
        assertEquals(bestValue, report.getDouble("best.validationObjectives[0]"), 1e-6);
        Map<String, Double> bestValidation = Synthetic.metrics((String) best.get("mask"), ((Number) best.get("seed")).longValue());
        assertEquals(bestValidation.get("overall.auc"), report.getDouble("best.validationMetrics.'overall.auc'"), 1e-6);
        assertEquals(bestValidation.get("group.male.auc"), report.getDouble("best.validationMetrics.'group.male.auc'"), 1e-6);

        // a late, different duplicate of a counted trial changes nothing
        TrialProposed first = proposals.get(0);
        workers.scored(first, List.of(0.01), Map.of());
        workers.scored(first, first.attempt(), List.of(0.02), Map.of());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertEquals(10, study(id).getInt("counted"));
        assertEquals(Synthetic.minAuc(first.mask()),
                ((List<Number>) trial(id, first.trialId()).get("objectives")).get(0).doubleValue(), 1e-6);
    }

    @Test
    void silentTrainerMakesTheTrialStaleAndItIsReproposedWithTheNextAttempt() {
        String id = create(Specs.study("lease").budget(3).parallelism(1).lease(5).json());
        workers.serve(id, (p, w) -> {
            if (p.trialNumber() == 0 && p.attempt() == 1) {
                return; // the trainer died silently
            }
            if (p.trialNumber() == 0) {
                // the zombie attempt 1 reports late: must be ignored
                w.scored(p, 1, List.of(0.0), Map.of());
            }
            HONEST.accept(p, w);
        });
        awaitState(id, "COMPLETED", 60);
        List<TrialProposed> trial0 = workers.proposalsOf(id).stream().filter(p -> p.trialNumber() == 0).toList();
        assertEquals(List.of(1, 2), trial0.stream().map(TrialProposed::attempt).toList());
        assertEquals(trial0.get(0).seed(), trial0.get(1).seed(), "same seed on every attempt");
        assertEquals(trial0.get(0).mask(), trial0.get(1).mask());
        assertTrue(workers.cancelsOf(id).stream().anyMatch(c -> c.trialId().equals(trial0.get(0).trialId())
                && c.attempt() == 1), "the silent attempt is told to stop");
        Map<String, Object> t = trial(id, trial0.get(0).trialId());
        assertEquals("COMPLETE", t.get("state"));
        assertEquals(2, t.get("attempt"));
        assertTrue(((String) t.get("failureReason")).contains("lease expired"), (String) t.get("failureReason"));
        assertEquals(Synthetic.minAuc(trial0.get(0).mask()), ((List<Number>) t.get("objectives")).get(0).doubleValue(),
                1e-6, "the late result of attempt 1 was ignored");
        assertEquals(3, study(id).getInt("counted"));
    }

    @Test
    void retryableFailuresRetryAndPermanentOnesCountTowardTheBudget() {
        String id = create(Specs.study("failures").budget(4).parallelism(2).maxAttempts(2).json());
        workers.serve(id, (p, w) -> {
            w.started(p);
            if (p.trialNumber() == 0 && p.attempt() == 1) {
                w.failed(p, true, "CUDA out of memory");
            } else if (p.trialNumber() == 1) {
                w.failed(p, false, "corrupt checkpoint");
                w.failed(p, false, "corrupt checkpoint"); // duplicate delivery
            } else if (p.trialNumber() == 2) {
                w.failed(p, true, "pod evicted");
            } else {
                HONEST.accept(p, w);
            }
        });
        awaitState(id, "COMPLETED", 60);
        JsonPath s = study(id);
        assertEquals(4, s.getInt("counted"));
        assertEquals(2, s.getInt("failed"));
        assertEquals(2, s.getInt("complete"));
        Map<Integer, Map<String, Object>> byNumber = new java.util.HashMap<>();
        trials(id).forEach(t -> byNumber.put((Integer) t.get("number"), t));
        assertEquals("COMPLETE", byNumber.get(0).get("state"));
        assertEquals(2, byNumber.get(0).get("attempt"));
        assertEquals("FAILED", byNumber.get(1).get("state"));
        assertEquals(1, byNumber.get(1).get("attempt"), "non-retryable: no second attempt");
        assertEquals("FAILED", byNumber.get(2).get("state"));
        assertTrue(((String) byNumber.get(2).get("failureReason")).contains("gave up after 2 of 2 attempts"));
    }

    @Test
    void medianPrunerStopsBadTrialsAndTellsTheTrainer() {
        String id = create(Specs.study("pruning").budget(10).parallelism(1).medianPruner(2).json());
        workers.serve(id, (p, w) -> {
            w.started(p);
            w.progress(p, 1, Synthetic.minAuc(p.mask()));
            // wait until the optimizer has recorded epoch 1, then finish unless pruned
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Map<String, Object> t = trial(p.studyId(), p.trialId());
                return t.get("intermediate") != null && !((Map<?, ?>) t.get("intermediate")).isEmpty();
            });
            if (!"PRUNED".equals(trial(p.studyId(), p.trialId()).get("state"))) {
                w.progress(p, 2, Synthetic.minAuc(p.mask()));
                w.scored(p, List.of(Synthetic.minAuc(p.mask())), Synthetic.metrics(p.mask(), p.seed()));
            }
        });
        awaitState(id, "COMPLETED", 90);
        JsonPath s = study(id);
        assertEquals(10, s.getInt("counted"));
        int pruned = s.getInt("pruned");
        assertTrue(pruned >= 1, "a median pruner over 10 trials prunes something");
        List<Map<String, Object>> prunedTrials = trials(id).stream().filter(t -> "PRUNED".equals(t.get("state"))).toList();
        assertEquals(pruned, prunedTrials.size());
        for (Map<String, Object> t : prunedTrials) {
            assertTrue(workers.cancelsOf(id).stream().anyMatch(c -> c.trialId().equals(t.get("id"))),
                    "TrialCancelled sent for pruned " + t.get("id"));
            assertNull(t.get("objectives"));
        }
    }

    @Test
    void pauseEnqueueResumeAndCancel() {
        String id = create(Specs.study("control").budget(6).parallelism(1).json());
        given().post("/studies/" + id + "/pause").then().statusCode(200).body("state", is("PAUSED"));
        String ones = "1".repeat(Specs.BITS);
        given().contentType(ContentType.JSON).body("{\"mask\":\"" + ones + "\",\"learningRate\":2e-4}")
                .post("/studies/" + id + "/trials").then().statusCode(201).body("state", is("QUEUED"));
        workers.serve(id, (p, w) -> {
            if (p.trialNumber() <= 1) {
                HONEST.accept(p, w);
            } else {
                w.started(p); // trial 2 stays in flight until the study is cancelled
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> study(id).getInt("counted") == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertEquals(1, workers.proposalsOf(id).size(), "a paused study proposes nothing");

        given().post("/studies/" + id + "/resume").then().statusCode(200).body("state", is("RUNNING"));
        await().atMost(Duration.ofSeconds(20)).until(() -> workers.proposalsOf(id).size() >= 3);
        TrialProposed enqueued = workers.proposalsOf(id).get(1);
        assertEquals(ones, enqueued.mask());
        assertEquals(2e-4, enqueued.learningRate(), 0);
        TrialProposed inFlight = workers.proposalsOf(id).get(2);

        given().post("/studies/" + id + "/cancel").then().statusCode(200).body("state", is("CANCELLED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> workers.cancelsOf(id).stream()
                .anyMatch(c -> c.trialId().equals(inFlight.trialId())));
        assertEquals("FAILED", trial(id, inFlight.trialId()).get("state"));
        given().contentType(ContentType.JSON).body("{\"mask\":\"baseline:full\"}").post("/studies/" + id + "/trials")
                .then().statusCode(409);
    }

    @Test
    void malformedMessagesGoToTheDeadLetterTopic() {
        double before = deadLetters(TopicNames.SCORED);
        workers.raw(TopicNames.SCORED, "k", "this is not json");
        workers.raw(TopicNames.SCORED, "k", "{\"type\":\"TrialScored\",\"schemaVersion\":1}");
        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters(TopicNames.SCORED) >= before + 2);
    }

    private static double deadLetters(String topic) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("fairtune_dead_letters_total\\{topic=\"" + Pattern.quote(topic) + "\"\\} ([0-9.eE+]+)")
                .matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void twoObjectiveStudyHasAParetoFrontAndNoUndefinedMember() {
        String id = create(Specs.study("pareto").sampler("nsga2").twoObjectives().budget(30).parallelism(4).json());
        workers.serve(id, (p, w) -> {
            double auc = Synthetic.minAuc(p.mask());
            // conflicting: the more of the first half is tuned, the larger the gap; last bit set: gap undefined
            Double gap = p.mask().endsWith("1") ? null : 0.6 * (auc - 0.5);
            w.started(p);
            w.scored(p, java.util.Arrays.asList(auc, gap), Synthetic.metrics(p.mask(), p.seed()));
        });
        awaitState(id, "COMPLETED", 90);
        given().get("/studies/" + id + "/best").then().statusCode(409);
        List<Map<String, Object>> front = given().get("/studies/" + id + "/pareto").then().statusCode(200)
                .extract().jsonPath().getList("");
        assertFalse(front.isEmpty());
        List<double[]> frontPoints = new ArrayList<>();
        for (Map<String, Object> t : front) {
            List<Number> o = (List<Number>) t.get("objectives");
            assertNotNull(o.get(1), "undefined objectives never enter the front");
            frontPoints.add(new double[] {o.get(0).doubleValue(), -o.get(1).doubleValue()});
        }
        for (double[] a : frontPoints) {
            for (double[] b : frontPoints) {
                assertFalse(ParetoFront.dominates(a, b));
            }
        }
        assertEquals(30, study(id).getInt("counted"));
        assertTrue(EventCodec.encode(workers.proposalsOf(id).get(0)).contains("\"overall_auc\""));
    }
}
