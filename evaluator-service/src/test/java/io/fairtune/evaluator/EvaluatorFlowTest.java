package io.fairtune.evaluator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.evaluator.persistence.MetricReportRepository;
import io.fairtune.evaluator.support.TestSplit;
import io.fairtune.model.messaging.TopicNames;
import io.fairtune.infra.TopicClient;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.events.TrialScored;
import io.fairtune.model.metrics.Bootstrap;
import io.fairtune.model.metrics.FairnessMetrics;
import io.fairtune.model.metrics.FairnessReport;
import io.fairtune.model.study.EvaluationSpec;
import io.fairtune.model.study.Objective;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Through the real broker and database: predictions in, scores out, reports stored and served. */
@QuarkusTest
class EvaluatorFlowTest {

    private static final TopicClient BROKER = TopicClient.onTestBroker();

    static final TestSplit SPLIT = new TestSplit("flow", 240, 3);

    @Inject
    MetricReportRepository reports;

    @Test
    void scoresEqualTheMetricsOnTheSameDataAndAreServed() {
        String trial = "t-" + UUID.randomUUID();
        EvaluationSpec spec = TestSplit.spec(EvaluationSpec.THRESHOLD_FIXED, "min_auc", "eodds_diff");
        TrialPredicted p = SPLIT.predicted(trial, 1, spec);
        BROKER.send(TopicNames.PREDICTED, trial, EventCodec.encode(p));

        TrialScored scored = assertInstanceOf(TrialScored.class,
                EventCodec.decode(BROKER.awaitOne(TopicNames.SCORED, trial).value()));

        FairnessReport expected = FairnessMetrics.compute(SPLIT.labels, SPLIT.scores, SPLIT.site, 0.5,
                Bootstrap.of(200, 7L));
        FairnessReport bySex = FairnessMetrics.compute(SPLIT.labels, SPLIT.scores, SPLIT.sex, 0.5);
        assertEquals(List.of(expected.objective(Objective.MIN_AUC), expected.objective(Objective.EODDS_DIFF)),
                scored.objectives());
        Map<String, Double> metrics = new LinkedHashMap<>(expected.toFlatMap());
        metrics.putAll(bySex.toFlatMap("attr.sex."));
        assertEquals(metrics, scored.metrics());
        // independent spot check: the overall AUC against the O(n²) definition
        assertEquals(pairwiseAuc(SPLIT.labels, SPLIT.scores), scored.metrics().get("overall.auc"), 1e-12);
        assertEquals(240.0, scored.metrics().get("overall.count"));
        assertNotNull(scored.metrics().get("min_auc.ci_low"));
        assertEquals(trial, scored.trialId());
        assertEquals("val", scored.split());

        given().get("/reports/" + trial).then().statusCode(200)
                .body("outcome", equalTo("SCORED"))
                .body("objectiveIds", contains("min_auc", "eodds_diff"))
                .body("sampleCount", equalTo(240))
                .body("metrics.'overall.count'", equalTo(240.0f));
        given().get("/reports/" + trial + "/1").then().statusCode(200).body("attempt", equalTo(1));
        given().get("/reports/" + trial + "/2").then().statusCode(404)
                .body("errors[0].field", equalTo("trialId"))
                .body("errors[0].message", equalTo("no report for trial " + trial + " attempt 2"));
        given().get("/reports/no-such-trial").then().statusCode(404)
                .body("errors[0].message", equalTo("no report for trial no-such-trial"));
    }

    @Test
    void f1OptimalThresholdIsTheSplitsOwn() {
        String trial = "t-" + UUID.randomUUID();
        TrialPredicted p = SPLIT.predicted(trial, 1, TestSplit.spec(EvaluationSpec.THRESHOLD_F1_OPTIMAL, "overall_acc"));
        BROKER.send(TopicNames.PREDICTED, trial, EventCodec.encode(p));
        TrialScored scored = (TrialScored) EventCodec.decode(BROKER.awaitOne(TopicNames.SCORED, trial).value());
        double t = FairnessMetrics.f1OptimalThreshold(SPLIT.labels, SPLIT.scores);
        assertEquals(t, scored.metrics().get("threshold"));
        assertEquals(FairnessMetrics.compute(SPLIT.labels, SPLIT.scores, SPLIT.site, t).overall().accuracy(),
                scored.objectives().get(0));
    }

    @Test
    void theSamePredictionsTwiceGiveOneReportAndTheSameResult() {
        String trial = "t-" + UUID.randomUUID();
        TrialPredicted p = SPLIT.predicted(trial, 1, TestSplit.spec(EvaluationSpec.THRESHOLD_FIXED, "auc_gap"));
        String json = EventCodec.encode(p);
        BROKER.send(TopicNames.PREDICTED, trial, json);
        BROKER.send(TopicNames.PREDICTED, trial, json);
        List<ConsumerRecord<String, String>> results = BROKER.await(TopicNames.SCORED, trial, 2, Duration.ofSeconds(30));
        assertEquals(2, results.size(), "a redelivered attempt publishes its stored result again");
        assertEquals(EventCodec.decode(results.get(0).value()), EventCodec.decode(results.get(1).value()));
        assertEquals(1, reports.countAttempt(trial, 1));

        // a new attempt of the same trial is a new report, and /reports/{trial} serves the latest
        BROKER.send(TopicNames.PREDICTED, trial, EventCodec.encode(SPLIT.predicted(trial, 2, p.evaluation())));
        assertEquals(3, BROKER.await(TopicNames.SCORED, trial, 3, Duration.ofSeconds(30)).size());
        given().get("/reports/" + trial).then().statusCode(200).body("attempt", equalTo(2));
        assertTrue(reports.findAttempt(trial, 1).isPresent());
    }

    static double pairwiseAuc(int[] y, double[] s) {
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    sum += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return sum / pairs;
    }
}
