package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fairtune.model.messaging.TopicNames;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DefaultValuesTest {

    private static final List<String> SERVICES = List.of("optimizer", "evaluator", "trainer");
    private final RenderedChart chart = ChartRenderer.render(ValueSets.defaults());

    @Test
    void rendersTheThreeServicesWithTheirSupportingObjects() {
        Map<String, Long> kinds = chart.kindCounts();
        assertEquals(3L, kinds.get("Deployment"), kinds::toString);
        assertEquals(3L, kinds.get("Service"), kinds::toString);
        assertEquals(3L, kinds.get("PodDisruptionBudget"), kinds::toString);
        assertEquals(3L, kinds.get("NetworkPolicy"), kinds::toString);
        assertEquals(2L, kinds.get("ConfigMap"), kinds::toString); // settings + Grafana dashboard
        assertEquals(1L, kinds.get("PersistentVolumeClaim"), kinds::toString);
        assertEquals(1L, kinds.get("ServiceAccount"), kinds::toString);
        for (String optIn : List.of("ScaledObject", "HorizontalPodAutoscaler", "ServiceMonitor", "Kafka",
                "KafkaNodePool", "KafkaTopic")) {
            assertFalse(kinds.containsKey(optIn), () -> optIn + " must be opt-in, found in defaults");
        }
        assertEquals(List.of("ft-fairtune-postgresql"), chart.names("Secret"),
                "without SASL/TLS only the database credentials need a Secret");
    }

    /** Helm cannot read Java, so values.yaml restates the topic names; they must stay shared-model's defaults. */
    @Test
    void theChartsTopicNamesAreTheServicesDefaults() throws Exception {
        JsonNode names = new YAMLMapper().readTree(ValueSets.chartDir().resolve("values.yaml").toFile())
                .at("/topics/names");
        Map<String, String> chart = new TreeMap<>();
        names.fields().forEachRemaining(e -> chart.put("fairtune.topics." + e.getKey(), e.getValue().asText()));
        Map<String, String> services = new TreeMap<>(TopicNames.DEFAULTS);
        services.keySet().removeIf(key -> !key.startsWith("fairtune.topics."));
        assertEquals(services, chart);
    }

    @Test
    void optimizerIsASingleReplicaRecreatedNeverRolled() {
        JsonNode optimizer = chart.component("Deployment", "optimizer");
        assertEquals(1, optimizer.at("/spec/replicas").asInt());
        assertEquals("Recreate", optimizer.at("/spec/strategy/type").asText(),
                "a rolling update would run two optimizers proposing for the same study");
    }

    @Test
    void everyServiceProbesQuarkusHealthOnPort8080() {
        for (String svc : SERVICES) {
            JsonNode c = chart.container(svc);
            assertEquals(8080, c.at("/ports/0/containerPort").asInt(), svc);
            assertEquals("http", c.at("/ports/0/name").asText(), svc);
            assertEquals("/q/health/live", c.at("/livenessProbe/httpGet/path").asText(), svc);
            assertEquals("/q/health/ready", c.at("/readinessProbe/httpGet/path").asText(), svc);
            assertEquals("http", c.at("/readinessProbe/httpGet/port").asText(), svc);
            assertTrue(c.has("startupProbe"), svc + " needs a startup probe: the JVM and native libraries load slowly");
            assertEquals("/q/health/live", c.at("/startupProbe/httpGet/path").asText(), svc);
        }
    }

    @Test
    void everyPodRunsAsNonRootWithAReadOnlyRootAndNoCapabilities() {
        for (String svc : SERVICES) {
            JsonNode pod = chart.component("Deployment", svc).at("/spec/template/spec");
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), svc);
            assertEquals(185, pod.at("/securityContext/runAsUser").asInt(), svc);
            assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText(), svc);
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), svc);
            JsonNode sc = pod.at("/containers/0/securityContext");
            assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), svc);
            assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), svc);
            assertEquals("ALL", sc.at("/capabilities/drop/0").asText(), svc);
            // a read-only root still needs a writable /tmp (Vert.x, Kafka client)
            assertTrue(Nodes.mountAt(pod.at("/containers/0"), "/tmp"), svc + " has no /tmp mount");
            assertTrue(pod.at("/containers/0/resources/requests").has("memory"), svc);
            assertTrue(pod.at("/containers/0/resources/limits").has("memory"), svc);
        }
    }

    @Test
    void sharedDataVolumeIsMountedReadOnlyAtData() {
        for (String svc : SERVICES) {
            JsonNode pod = chart.component("Deployment", svc).at("/spec/template/spec");
            JsonNode mount = Nodes.findByName(pod.at("/containers/0/volumeMounts"), "data");
            assertEquals("/data", mount.path("mountPath").asText(), svc);
            assertTrue(mount.path("readOnly").asBoolean(), svc);
            JsonNode volume = Nodes.findByName(pod.path("volumes"), "data");
            assertEquals("ft-fairtune-data", volume.at("/persistentVolumeClaim/claimName").asText(), svc);
            assertTrue(volume.at("/persistentVolumeClaim/readOnly").asBoolean(), svc);
            assertEquals("ft-fairtune-config", pod.at("/containers/0/envFrom/0/configMapRef/name").asText(), svc);
        }
        JsonNode pvc = chart.get("PersistentVolumeClaim", "ft-fairtune-data");
        assertEquals("keep", pvc.at("/metadata/annotations/helm.sh~1resource-policy").asText(),
                "uninstalling the release must not delete the datasets");
    }

    @Test
    void configMapCarriesKafkaTopicsAndDataRoots() {
        JsonNode config = chart.config();
        assertEquals("kafka:9092", config.path("KAFKA_BOOTSTRAP_SERVERS").asText());
        assertEquals("PLAINTEXT", config.path("KAFKA_SECURITY_PROTOCOL").asText());
        assertEquals("fairtune.trials.proposed", config.path("FAIRTUNE_TOPICS_PROPOSED").asText());
        assertEquals("fairtune.trials.progress", config.path("FAIRTUNE_TOPICS_PROGRESS").asText());
        assertEquals("fairtune.trials.predicted", config.path("FAIRTUNE_TOPICS_PREDICTED").asText());
        assertEquals("fairtune.trials.scored", config.path("FAIRTUNE_TOPICS_SCORED").asText());
        assertEquals("fairtune.trials.control", config.path("FAIRTUNE_TOPICS_CONTROL").asText());
        assertEquals("fairtune.trials.dlq", config.path("FAIRTUNE_TOPICS_DLQ").asText());
        assertEquals("/data/datasets", config.path("FAIRTUNE_DATA_ROOT").asText());
        assertEquals("/data/images", config.path("FAIRTUNE_IMAGES_ROOT").asText());
        assertEquals("/data/models", config.path("FAIRTUNE_MODELS_ROOT").asText());
        assertEquals("jdbc:postgresql://postgresql:5432/fairtune", config.path("QUARKUS_DATASOURCE_JDBC_URL").asText());
        assertFalse(config.has("KAFKA_SASL_JAAS_CONFIG"));
    }

    @Test
    void onlyTheOptimizerGetsDatabaseCredentialsFromTheSecret() {
        Map<String, JsonNode> env = RenderedChart.env(chart.container("optimizer"));
        assertEquals("ft-fairtune-postgresql", env.get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("password", env.get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/key").asText());
        assertEquals("username", env.get("QUARKUS_DATASOURCE_USERNAME").at("/valueFrom/secretKeyRef/key").asText());
        assertFalse(RenderedChart.env(chart.container("trainer")).containsKey("QUARKUS_DATASOURCE_PASSWORD"));
        assertFalse(RenderedChart.env(chart.container("evaluator")).containsKey("QUARKUS_DATASOURCE_PASSWORD"));
    }

    @Test
    void cpuTrainerUsesTheCpuImageVariantAndNoGpu() {
        JsonNode trainer = chart.container("trainer");
        assertEquals("ghcr.io/fairtune/trainer-service:0.1.0-cpu", trainer.path("image").asText());
        assertEquals("ghcr.io/fairtune/optimizer-service:0.1.0", chart.container("optimizer").path("image").asText());
        assertFalse(trainer.at("/resources/limits").has("nvidia.com/gpu"));
        assertEquals(1, chart.component("Deployment", "trainer").at("/spec/replicas").asInt());
        assertEquals("/var/cache/djl", RenderedChart.env(trainer).get("DJL_CACHE_DIR").path("value").asText());
        assertTrue(Nodes.mountAt(trainer, "/var/cache/djl"), "DJL unpacks the native library; the root is read-only");
    }

    @Test
    void servicesExposePort8080AndSelectTheirOwnPods() {
        for (String svc : SERVICES) {
            JsonNode service = chart.component("Service", svc);
            assertEquals("http", service.at("/spec/ports/0/name").asText());
            assertEquals(8080, service.at("/spec/ports/0/port").asInt());
            assertEquals(svc, service.at("/spec/selector/app.kubernetes.io~1component").asText());
            JsonNode pdb = chart.component("PodDisruptionBudget", svc);
            assertEquals(svc, pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText());
        }
    }

    @Test
    void networkPoliciesOnlyAdmitPrometheusAndApiClients() {
        JsonNode trainer = chart.component("NetworkPolicy", "trainer");
        assertEquals(1, trainer.at("/spec/ingress").size());
        assertEquals(1, trainer.at("/spec/ingress/0/from").size(), "trainers serve only metrics");
        assertEquals("monitoring", trainer.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText());
        JsonNode optimizer = chart.component("NetworkPolicy", "optimizer");
        assertEquals("true", optimizer.at("/spec/ingress/0/from/1/podSelector/matchLabels/ft-fairtune-client").asText());
    }

    @Test
    void dashboardConfigMapIsDiscoverableByTheGrafanaSidecarAndHoldsTheDashboard() throws Exception {
        JsonNode cm = chart.get("ConfigMap", "ft-fairtune-dashboards");
        assertEquals("1", cm.at("/metadata/labels/grafana_dashboard").asText());
        JsonNode embedded = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cm.at("/data/fairtune.json").asText());
        JsonNode file = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(ValueSets.chartDir().resolve("dashboards/fairtune.json").toFile());
        assertEquals(file, embedded);
    }
}
