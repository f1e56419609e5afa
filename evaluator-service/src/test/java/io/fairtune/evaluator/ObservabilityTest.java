package io.fairtune.evaluator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.evaluator.support.TestSplit;
import io.fairtune.model.messaging.TopicNames;
import io.fairtune.infra.TopicClient;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.study.EvaluationSpec;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ObservabilityTest {

    private static final TopicClient BROKER = TopicClient.onTestBroker();

    @Test
    void prometheusListsEveryEvaluatorMeter() throws Exception {
        TestSplit split = new TestSplit("obs", 30, 5);
        String trial = "obs-" + UUID.randomUUID();
        BROKER.send(TopicNames.PREDICTED, trial, EventCodec.encode(
                split.predicted(trial, 1, TestSplit.spec(EvaluationSpec.THRESHOLD_FIXED, "min_auc"))));
        BROKER.awaitOne(TopicNames.SCORED, trial);

        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Files.writeString(Path.of("target/q-metrics.txt"), body);
        assertTrue(body.contains("fairtune_evaluator_trials_scored_total{outcome=\"scored\""), "scored counter");
        assertTrue(body.contains("fairtune_evaluator_trials_scored_total{outcome=\"failed\""), "failed counter");
        assertTrue(body.contains("fairtune_evaluator_latency_seconds_bucket"), "latency histogram");
        assertTrue(body.contains("fairtune_evaluator_latency_seconds_count"), "latency count");
        assertTrue(body.contains("fairtune_evaluator_last_objective{study=\"study-obs\""), "objective gauge");
        assertTrue(body.contains("fairtune_dead_letters_total{topic=\"fairtune.trials.predicted\""), "dead letters");
    }

    @Test
    void healthIsUpWithKafkaAndDatabaseReadiness() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check",
                        "SmallRye Reactive Messaging - readiness check"))
                .body("checks.status", everyItem(equalTo("UP")));
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void qEndpointsHoldNoSecretAndNoConfigDump() {
        String password = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.password", String.class);
        StringBuilder all = new StringBuilder();
        for (String path : java.util.List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi?format=json")) {
            all.append(given().get(path).then().statusCode(200).extract().asString());
        }
        // the embedded database's password is a common word, so look for it where a leak would put it
        assertTrue(!all.toString().matches("(?is).*(password|passwd|pwd)\\W{0,4}"
                + java.util.regex.Pattern.quote(password) + ".*"), "the database password leaked into /q");
        assertTrue(!all.toString().contains("quarkus.datasource"), "no configuration is listed");
        for (String path : java.util.List.of("/q/dev-ui", "/q/dev", "/q/config", "/q/info", "/q/env")) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void openApiDescribesTheReportEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/reports/{trialId}"))
                .body(containsString("/reports/{trialId}/{attempt}"));
    }
}
