package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class AutoscalingTest {

    @Test
    void kedaScalesTrainersOnTheLagOfTheTrainersGroupOnProposedTrials() {
        RenderedChart chart = ChartRenderer.render(ValueSets.keda());
        JsonNode so = chart.get("ScaledObject", "ft-fairtune-trainer");
        assertEquals("ft-fairtune-trainer", so.at("/spec/scaleTargetRef/name").asText());
        assertEquals(1, so.at("/spec/minReplicaCount").asInt());
        assertEquals(6, so.at("/spec/maxReplicaCount").asInt());
        JsonNode trigger = so.at("/spec/triggers/0");
        assertEquals("kafka", trigger.path("type").asText());
        assertEquals("fairtune.trials.proposed", trigger.at("/metadata/topic").asText());
        assertEquals("trainers", trigger.at("/metadata/consumerGroup").asText());
        assertEquals("kafka:9092", trigger.at("/metadata/bootstrapServers").asText());
        assertEquals("1", trigger.at("/metadata/lagThreshold").asText());
        assertTrue(trigger.path("authenticationRef").isMissingNode(), "a PLAINTEXT cluster needs no TriggerAuthentication");
        assertTrue(chart.ofKind("HorizontalPodAutoscaler").isEmpty(), "KEDA owns the HPA; a second one would fight it");
        assertTrue(chart.component("Deployment", "trainer").at("/spec/replicas").isMissingNode(),
                "a fixed replicas field would reset the autoscaler on every upgrade");
    }

    /**
     * An in-progress trial counts 1 in the lag (acknowledged only once its result is published), and KEDA asks for
     * ceil(lag / lagThreshold) trainers: only 1 / 0 never leave fewer trainers than trials in progress.
     */
    @Test
    void kedaScalesToZeroOnlyWhenNoTrialIsQueuedOrInProgress() {
        JsonNode so = ChartRenderer.render(ValueSets.kedaCheckpoints()).get("ScaledObject", "ft-fairtune-trainer");
        assertEquals(0, so.at("/spec/minReplicaCount").asInt());
        assertEquals(8, so.at("/spec/maxReplicaCount").asInt());
        JsonNode trigger = so.at("/spec/triggers/0");
        assertEquals("1", trigger.at("/metadata/lagThreshold").asText());
        assertEquals("0", trigger.at("/metadata/activationLagThreshold").asText());
        assertEquals("false", trigger.at("/metadata/allowIdleConsumers").asText(), "pods beyond the partitions idle");
        assertTrue(trigger.at("/metadata/excludePersistentLag").isMissingNode(),
                "a long trial's lag does not move; excluding it would stop its trainer");
        assertTrue(trigger.path("metricType").isMissingNode(),
                "AverageValue (the default) divides the lag by the trainers; Value would not");
        assertEquals(1, so.at("/spec/triggers").size(), "a second trigger could only ask for more, never fewer");
    }

    @Test
    void withoutKedaTrainersAndEvaluatorsGetCpuHorizontalPodAutoscalers() {
        RenderedChart chart = ChartRenderer.render(ValueSets.hpa());
        assertTrue(chart.ofKind("ScaledObject").isEmpty());
        JsonNode trainerHpa = chart.component("HorizontalPodAutoscaler", "trainer");
        assertEquals(3, trainerHpa.at("/spec/maxReplicas").asInt());
        assertEquals("cpu", trainerHpa.at("/spec/metrics/0/resource/name").asText());
        assertEquals("ft-fairtune-trainer", trainerHpa.at("/spec/scaleTargetRef/name").asText());
        chart.component("HorizontalPodAutoscaler", "evaluator");
        assertTrue(chart.component("Deployment", "evaluator").at("/spec/replicas").isMissingNode());
        assertEquals(1, chart.component("Deployment", "optimizer").at("/spec/replicas").asInt(),
                "the optimizer is never autoscaled");
    }

    @Test
    void kedaAuthenticatesLikeTheServicesOnASecuredCluster() {
        RenderedChart chart = ChartRenderer.render(ValueSets.externalSaslTls());
        JsonNode trigger = chart.get("ScaledObject", "ft-fairtune-trainer").at("/spec/triggers/0");
        assertEquals("scram_sha512", trigger.at("/metadata/sasl").asText());
        assertEquals("enable", trigger.at("/metadata/tls").asText());
        assertEquals("kafka-0.example.internal:9093,kafka-1.example.internal:9093", trigger.at("/metadata/bootstrapServers").asText());
        JsonNode auth = chart.get("TriggerAuthentication", trigger.at("/authenticationRef/name").asText());
        JsonNode refs = auth.at("/spec/secretTargetRef");
        assertEquals(3, refs.size());
        assertEquals("ft-fairtune-kafka", Nodes.findByParameter(refs, "password").path("name").asText());
        assertEquals("ft-fairtune-kafka-tls", Nodes.findByParameter(refs, "ca").path("name").asText());
        assertEquals("ca.crt", Nodes.findByParameter(refs, "ca").path("key").asText());
    }
}
