package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class GpuTrainersTest {

    static java.util.stream.Stream<ValueSet> gpuValueSets() {
        return java.util.stream.Stream.of(ValueSets.gpu(), ValueSets.gpuExample());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gpuValueSets")
    void fourTrainersEachLimitedToOneGpuOnTheCudaImage(ValueSet values) {
        RenderedChart chart = ChartRenderer.render(values);
        JsonNode deployment = chart.component("Deployment", "trainer");
        assertEquals(4, deployment.at("/spec/replicas").asInt());
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode trainer = pod.at("/containers/0");
        assertEquals(1, trainer.at("/resources/limits/nvidia.com~1gpu").asInt());
        assertTrue(trainer.path("image").asText().endsWith("-cuda"), trainer.path("image").asText());
        assertEquals("gpu", RenderedChart.env(trainer).get("FAIRTUNE_TRAINER_DEVICE").path("value").asText());
        assertEquals("compute,utility", RenderedChart.env(trainer).get("NVIDIA_DRIVER_CAPABILITIES").path("value").asText());
        // SIGTERM drains for 90 s, inside the pod's 120 s grace period
        assertEquals("90s", RenderedChart.env(trainer).get("FAIRTUNE_TRAINER_DRAIN_TIMEOUT").path("value").asText());
        assertEquals(120, pod.path("terminationGracePeriodSeconds").asInt());
        JsonNode toleration = pod.at("/tolerations/0");
        assertEquals("nvidia.com/gpu", toleration.path("key").asText());
        assertEquals("NoSchedule", toleration.path("effect").asText());
        // a GPU pod that surged during a rollout would wait for a fifth GPU
        assertEquals(0, deployment.at("/spec/strategy/rollingUpdate/maxSurge").asInt());
        assertFalse(chart.container("optimizer").at("/resources/limits").has("nvidia.com/gpu"));
        assertFalse(chart.container("evaluator").at("/resources/limits").has("nvidia.com/gpu"));
    }

    @Test
    void runtimeClassIsSetOnlyWhenAsked() {
        assertEquals("nvidia", ChartRenderer.render(ValueSets.gpu())
                .component("Deployment", "trainer").at("/spec/template/spec/runtimeClassName").asText());
        assertTrue(ChartRenderer.render(ValueSets.gpuExample())
                .component("Deployment", "trainer").at("/spec/template/spec/runtimeClassName").isMissingNode());
    }

    @Test
    void exampleValuesRenderAFullGpuDeploymentWithMonitoring() {
        RenderedChart chart = ChartRenderer.render(ValueSets.gpuExample());
        JsonNode pod = chart.component("Deployment", "trainer").at("/spec/template/spec");
        assertEquals("true", pod.at("/nodeSelector/nvidia.com~1gpu.present").asText());
        assertEquals("registry.example.com/fairtune/trainer-service:0.1.0-cuda", pod.at("/containers/0/image").asText());
        assertEquals("fairtune-data", Nodes.findByName(pod.path("volumes"), "data")
                .at("/persistentVolumeClaim/claimName").asText());
        assertTrue(chart.names("PersistentVolumeClaim").isEmpty(), "an existing claim must not be created again");
        assertEquals(1, chart.ofKind("ServiceMonitor").size());
        assertEquals("SASL_SSL", chart.config().path("KAFKA_SECURITY_PROTOCOL").asText());
        assertTrue(chart.config().path("FAIRTUNE_TOPICS_PROPOSED").asText().startsWith("fairtune."));
        assertTrue(Files.isRegularFile(chart.file()));
    }
}
