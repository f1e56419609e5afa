package io.fairtune.trainer.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.infra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every trainer meter is exposed under its Prometheus name; the body feeds the Helm dashboard test. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class MetricsEndpointTest {

    @Test
    void exposesEveryTrainerMeter() throws Exception {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("fairtune_trainer_images_per_second", "fairtune_trainer_step_seconds_count",
                "fairtune_trainer_epoch_seconds_count", "fairtune_trainer_trials_total{outcome=\"trained\"",
                "fairtune_trainer_trials_total{outcome=\"failed\"", "fairtune_trainer_trials_total{outcome=\"cancelled\"",
                "fairtune_trainer_gpu_memory_bytes", "fairtune_dead_letters_total{topic=\"fairtune.trials.proposed\"")) {
            assertTrue(body.contains(name), "missing " + name);
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/q-metrics.txt"), body);
    }

    @Test
    void healthIncludesKafka() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("UP"))
                .body(containsString("Kafka connection health check"));
    }
}
