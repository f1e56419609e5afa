package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a trainer leaves (drain within the grace period, no preStop) and where its checkpoints live. */
class TrainerScalingTest {

    private static final String CHECKPOINT_CLAIM = "ft-fairtune-trainer-checkpoints";

    @Test
    void theGracePeriodCoversTheDrainAndTheHandBackWithNoPreStopInFront() {
        for (ValueSet values : List.of(ValueSets.defaults(), ValueSets.kedaCheckpoints(), ValueSets.defaults()
                .named("drain-30").with("trainer.drainSeconds", 30).with("trainer.terminationGracePeriodSeconds", 50))) {
            JsonNode pod = ChartRenderer.render(values).component("Deployment", "trainer").at("/spec/template/spec");
            JsonNode trainer = pod.at("/containers/0");
            String drain = RenderedChart.env(trainer).get("FAIRTUNE_TRAINER_DRAIN_TIMEOUT").path("value").asText();
            int drainSeconds = Integer.parseInt(drain.replaceAll("s$", ""));
            assertTrue(pod.path("terminationGracePeriodSeconds").asInt() >= drainSeconds + 20,
                    () -> values.name() + ": grace " + pod.path("terminationGracePeriodSeconds") + ", drain " + drain);
            // a preStop hook runs before SIGTERM, inside the same grace period: it would only delay the drain
            assertTrue(trainer.at("/lifecycle/preStop").isMissingNode(), values.name());
        }
        JsonNode pod = ChartRenderer.render(ValueSets.defaults()).component("Deployment", "trainer").at("/spec/template/spec");
        assertEquals(120, pod.path("terminationGracePeriodSeconds").asInt());
        assertEquals("90s", RenderedChart.env(pod.at("/containers/0")).get("FAIRTUNE_TRAINER_DRAIN_TIMEOUT").path("value").asText());
    }

    @Test
    void everyTrainerMountsTheSharedCheckpointClaimAndIsToldWhere() {
        RenderedChart chart = ChartRenderer.render(ValueSets.kedaCheckpoints());
        JsonNode pvc = chart.get("PersistentVolumeClaim", CHECKPOINT_CLAIM);
        assertEquals("ReadWriteMany", pvc.at("/spec/accessModes/0").asText());
        assertEquals(1, pvc.at("/spec/accessModes").size());
        assertEquals("nfs-client", pvc.at("/spec/storageClassName").asText());
        assertEquals("20Gi", pvc.at("/spec/resources/requests/storage").asText());
        assertEquals("keep", pvc.at("/metadata/annotations/helm.sh~1resource-policy").asText(),
                "uninstalling must not throw away the checkpoints of trials still to resume");

        JsonNode pod = chart.component("Deployment", "trainer").at("/spec/template/spec");
        JsonNode trainer = pod.at("/containers/0");
        assertEquals(CHECKPOINT_CLAIM, Nodes.findByName(pod.path("volumes"), "checkpoints")
                .at("/persistentVolumeClaim/claimName").asText());
        JsonNode mount = Nodes.findByName(trainer.path("volumeMounts"), "checkpoints");
        assertEquals("/checkpoints", mount.path("mountPath").asText());
        assertFalse(mount.path("readOnly").asBoolean(), "trainers write their checkpoints there");
        assertEquals("/checkpoints",
                RenderedChart.env(trainer).get("FAIRTUNE_TRAINER_CHECKPOINT_DIR").path("value").asText());
        for (String other : List.of("optimizer", "evaluator")) {
            assertFalse(Nodes.mountAt(chart.container(other), "/checkpoints"), other);
        }
    }

    @Test
    void anExistingCheckpointClaimIsMountedNotCreated() {
        RenderedChart chart = ChartRenderer.render(ValueSets.kedaCheckpoints().named("checkpoints-existing")
                .with("trainer.checkpoints.existingClaim", "gpu-scratch")
                .with("trainer.checkpoints.mountPath", "/var/lib/fairtune/checkpoints"));
        assertEquals(List.of("ft-fairtune-data"), chart.names("PersistentVolumeClaim"));
        JsonNode pod = chart.component("Deployment", "trainer").at("/spec/template/spec");
        assertEquals("gpu-scratch", Nodes.findByName(pod.path("volumes"), "checkpoints")
                .at("/persistentVolumeClaim/claimName").asText());
        assertTrue(Nodes.mountAt(pod.at("/containers/0"), "/var/lib/fairtune/checkpoints"));
        assertEquals("/var/lib/fairtune/checkpoints", RenderedChart.env(pod.at("/containers/0"))
                .get("FAIRTUNE_TRAINER_CHECKPOINT_DIR").path("value").asText());
    }

    @Test
    void checkpointsAreOffByDefault() {
        RenderedChart chart = ChartRenderer.render(ValueSets.defaults());
        JsonNode trainer = chart.container("trainer");
        assertFalse(RenderedChart.env(trainer).containsKey("FAIRTUNE_TRAINER_CHECKPOINT_DIR"),
                "absent is how the trainer knows checkpoints are off");
        assertFalse(Nodes.mountAt(trainer, "/checkpoints"));
        assertTrue(chart.find("PersistentVolumeClaim", CHECKPOINT_CLAIM).isEmpty());
    }
}
