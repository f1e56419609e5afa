package io.fairtune.optimizer.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.study.StudySpec;
import io.fairtune.model.study.StudySpecCodec;
import io.fairtune.optimizer.domain.Study;
import io.fairtune.optimizer.support.Credentials;
import io.fairtune.optimizer.support.Specs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StudyApiTest {

    @BeforeEach
    void asOperator() {
        Credentials.asOperator();
    }

    private static long studyCount() {
        return QuarkusTransaction.requiringNew().call(() -> Study.count());
    }

    private static void assertRejected(String body, String... fields) {
        long before = studyCount();
        List<String> named = given().contentType(ContentType.JSON).body(body).post("/studies")
                .then().statusCode(400).contentType(ContentType.JSON)
                .extract().jsonPath().getList("errors.field");
        for (String f : fields) {
            assertTrue(named.contains(f), "expected field " + f + " in " + named);
        }
        assertEquals(before, studyCount(), "nothing may be stored for a rejected spec");
    }

    @Test
    void unknownFieldIsNamed() {
        assertRejected(Specs.study("x").json().replace("\"trialBudget\"", "\"trialbudget\""), "trialbudget");
    }

    @Test
    void wrongTypeIsNamed() {
        assertRejected(Specs.study("x").json().replace("\"parallelism\":2", "\"parallelism\":\"two\""), "parallelism");
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        String body = Specs.study("x").budget(0).json()
                .replace("\"components4\"", "\"nonsense\"")
                .replace("\"lrMin\":1e-5", "\"lrMin\":-1")
                .replace("\"sensitiveAttribute\":\"sex\"", "\"sensitiveAttribute\":\"ethnicity\"")
                .replace("[\"age_group\"]", "[\"age_group\",\"height\"]");
        assertRejected(body, "trialBudget", "searchSpace", "innerLoop.lrMin", "sensitiveAttribute", "reportAttributes[1]");
    }

    @Test
    void manifestMustExistInsideTheDataRoot() {
        String base = Specs.study("x").json();
        assertRejected(base.replace("toy/manifest.csv", "toy/missing.csv"), "dataset");
        assertRejected(base.replace("toy/manifest.csv", "../pom.xml"), "dataset");
        assertRejected(base.replace("toy/manifest.csv", "/etc/passwd"), "dataset");
    }

    @Test
    void budgetLargerThanTheSpaceIsRefused() {
        // blocks on 6 blocks: 64 masks only
        assertRejected(Specs.study("x").budget(65).json().replace("\"components4\"", "\"blocks\""), "trialBudget");
    }

    @Test
    void emptyBodyIsA400() {
        given().contentType(ContentType.JSON).body("").post("/studies").then().statusCode(400)
                .body("errors[0].field", is("(body)"));
    }

    @Test
    void unknownIdsAre404WithAMessage() {
        String id = "no-such-study";
        for (String path : List.of("/studies/" + id, "/studies/" + id + "/trials", "/studies/" + id + "/best",
                "/studies/" + id + "/report")) {
            given().get(path).then().statusCode(404).body("errors[0].message", containsString(id));
        }
        for (String action : List.of("pause", "resume", "cancel")) {
            given().post("/studies/" + id + "/" + action).then().statusCode(404)
                    .body("errors[0].message", containsString(id));
        }
        given().contentType(ContentType.JSON).body("{\"mask\":\"baseline:full\"}")
                .post("/studies/" + id + "/trials").then().statusCode(404);
    }

    @Test
    void specRoundTripsThroughPostgres() {
        String id = given().contentType(ContentType.JSON).body(Specs.study("round-trip").budget(3).parallelism(1).json())
                .post("/studies").then().statusCode(201).body("state", is("RUNNING"))
                .body("dataset.sha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body("warnings[0]", org.hamcrest.Matchers.startsWith("trialBudget 3 does not exceed startupTrials 10"))
                .extract().path("id");
        StudySpec accepted = StudySpecCodec.fromJson(Specs.study("round-trip").budget(3).parallelism(1).json())
                .withDefaults();
        StudySpec reloaded = QuarkusTransaction.requiringNew().call(() -> {
            Study s = Study.findById(id);
            return StudySpecCodec.fromJson(s.specJson);
        });
        assertEquals(accepted, reloaded);
        given().get("/studies").then().statusCode(200).body("id", hasItem(id));
        given().post("/studies/" + id + "/cancel").then().statusCode(200).body("state", is("CANCELLED"));
        given().post("/studies/" + id + "/resume").then().statusCode(409);
    }

    @Test
    void enqueueValidatesTheMaskAgainstTheSpace() {
        String id = given().contentType(ContentType.JSON).body(Specs.study("enqueue-validation").budget(3).parallelism(1).json())
                .post("/studies").then().statusCode(201).extract().path("id");
        given().post("/studies/" + id + "/pause").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"mask\":\"0101\"}").post("/studies/" + id + "/trials")
                .then().statusCode(400).body("errors[0].field", is("mask"));
        given().contentType(ContentType.JSON).body("{\"mask\":\"baseline:nope\"}").post("/studies/" + id + "/trials")
                .then().statusCode(400).body("errors[0].field", is("mask"));
        given().contentType(ContentType.JSON).body("{\"mask\":\"baseline:full\",\"learningRate\":-1}")
                .post("/studies/" + id + "/trials").then().statusCode(400).body("errors[0].field", is("learningRate"));
        given().get("/studies/" + id + "/pareto").then().statusCode(409);
        given().post("/studies/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void metricsListEveryOptimizerMeter() throws Exception {
        // the per-study gauge appears once a study exists
        String id = given().contentType(ContentType.JSON).body(Specs.study("metrics").budget(2).parallelism(1).json())
                .post("/studies").then().statusCode(201).extract().path("id");
        String body = given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fairtune_trials{"), containsString("fairtune_trials_in_flight"),
                        containsString("fairtune_suggestion_seconds_bucket"), containsString("fairtune_proposals_total"),
                        containsString("fairtune_dead_letters_total{"), containsString("fairtune_study_best_objective{"))
                .extract().asString();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/q-metrics.txt"), body);
        assertTrue(body.contains("fairtune_study_best_objective{study=\"" + id + "\"}"));
        given().post("/studies/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void healthAndOpenApi() {
        String health = given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .extract().asString();
        System.out.println("readiness: " + health);
        assertTrue(health.contains("Database connections health check"), health);
        assertTrue(health.contains("Kafka connection health check"), health);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItems("/studies", "/studies/{id}/report", "/studies/{id}/trials"));
    }
}
