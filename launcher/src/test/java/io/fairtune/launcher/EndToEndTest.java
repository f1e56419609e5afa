package io.fairtune.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.infra.FreePorts;
import io.fairtune.infra.TopicClient;
import io.fairtune.model.messaging.DeadLetterHeaders;
import io.fairtune.model.messaging.TopicNames;
import io.fairtune.launcher.client.OptimizerClient;
import io.fairtune.launcher.cluster.ClusterConfig;
import io.fairtune.launcher.cluster.LocalCluster;
import io.fairtune.launcher.cluster.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system as separate processes (the services' runnable jars) on a real KRaft broker and a real
 * PostgreSQL, training real images. Faults are real SIGKILLs. Every study must end with exactly its budget of
 * counted trials and, with the same seed, the same best mask as the undisturbed run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    private static final long SEED = 11;
    private static final Duration STUDY_TIMEOUT = Duration.ofMinutes(6);
    /** Longer than the studies' 20 s lease: an outage must not pass for trainers that went silent. */
    private static final Duration OUTAGE = Duration.ofSeconds(25);

    private static LocalCluster cluster;
    private static OptimizerClient client;
    private static String manifest;
    private static String undisturbedBestMask;
    private static DashboardInBrowser dashboard;

    @BeforeAll
    static void startCluster() {
        Path repo = Path.of(System.getProperty("fairtune.repo.root", "..")).toAbsolutePath().normalize();
        Path work = repo.resolve("launcher/target/e2e-" + System.currentTimeMillis());
        Path dataRoot = work.resolve("datasets");
        manifest = SmallHamDataset.write(repo, dataRoot);
        // the optimizer notices a lost lock session within a second, as the outage tests expect
        Map<String, String> fast = Map.of("fairtune.loop.tick-millis", "500", "fairtune.lock.check-seconds", "1");
        Map<String, String> fastTrainers = Map.of(
                "fairtune.trainer.heartbeat-interval", "2s",
                // shorter than the outages below, so a result finished during one is sent again, not just waited for
                "fairtune.publish-timeout", "5s",
                // a killed trainer's partitions move to the surviving one within seconds, not 45 s
                "mp.messaging.incoming.trials-proposed-in.session.timeout.ms", "8000",
                "mp.messaging.incoming.trials-proposed-in.heartbeat.interval.ms", "2000");
        ClusterConfig config = new ClusterConfig(repo, work, dataRoot, repo.resolve("../shared/datasets").normalize(),
                repo.resolve("models"), 2, 4, 20000 + FreePorts.next() % 20000, null, null, "postgres", "postgres",
                fast, fastTrainers);
        cluster = new LocalCluster(config).start();
        client = new OptimizerClient(cluster.optimizer().baseUrl(), cluster.apiKey());
    }

    @AfterAll
    static void stopCluster() {
        if (dashboard != null) {
            dashboard.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void anUndisturbedStudyMeetsItsBudgetExactlyAndReports() {
        // the study dashboard watches this study as it trains (DashboardInBrowser), then is checked on the result
        dashboard = new DashboardInBrowser(cluster.dashboardUrl(), cluster.viewerApiKey());
        String id = create(spec("undisturbed", 1, 1, List.of("linear-readout")));
        dashboard.seesATrialFinishLive(id);
        JsonNode study = awaitFinished(id);
        assertEquals("COMPLETED", study.path("state").asText(), study.toString());
        List<JsonNode> trials = trials(id);
        assertBudgetMetExactly(study, trials);
        JsonNode report = client.report(id);
        undisturbedBestMask = report.path("best").path("mask").asText();
        assertEquals(12, undisturbedBestMask.length(), report.toString());
        Set<String> arms = new HashSet<>();
        report.path("arms").forEach(a -> arms.add(a.path("arm").asText()));
        assertEquals(2, arms.size(), "best mask and the linear-readout baseline: " + report);
        report.path("arms").forEach(a -> {
            double auc = a.path("metrics").path("overall.auc").path("mean").asDouble(Double.NaN);
            assertTrue(auc > 0 && auc <= 1, "test AUC of arm " + a.path("arm") + ": " + a);
        });
        dashboard.showsTheFinishedStudy(id);
    }

    @Test
    @Order(2)
    void aTrainerKilledMidTrialLosesNothing() {
        String id = create(spec("trainer-killed", 1, 0, List.of()));
        JsonNode running = awaitTrial(id, t -> t.path("state").asText().equals("RUNNING"));
        ServiceProcess victim = trainerNamed(running.path("trainerId").asText());
        int generation = victim.generation();
        java.time.Instant killedAt = java.time.Instant.now();
        victim.kill();
        // no one restarts it by hand: the launcher's supervisor does, as Kubernetes restarts a crashed pod
        victim.awaitRestart(generation, LocalCluster.READY_TIMEOUT);
        JsonNode study = awaitFinished(id);
        assertEquals("COMPLETED", study.path("state").asText(), study.toString());
        List<JsonNode> trials = trials(id);
        assertBudgetMetExactly(study, trials);
        // the process that ran it died mid-trial, so a completion after the kill is a re-run: by the other trainer,
        // as a new attempt, or by the restarted one taking its redelivered proposal
        JsonNode killedTrial = trials.stream().filter(t -> t.path("id").asText().equals(running.path("id").asText()))
                .findFirst().orElseThrow();
        assertEquals("COMPLETE", killedTrial.path("state").asText(), killedTrial.toString());
        assertTrue(java.time.Instant.parse(killedTrial.path("finishedAt").asText()).isAfter(killedAt),
                "the killed trial was completed by a re-run after the kill: " + killedTrial);
        assertEquals(undisturbedBestMask, client.report(id).path("best").path("mask").asText());
    }

    @Test
    @Order(3)
    void anOptimizerKilledMidStudyResumesFromTheDatabase() {
        String id = create(spec("optimizer-killed", 1, 0, List.of()));
        awaitTrial(id, t -> t.path("state").asText().equals("COMPLETE"));
        cluster.optimizer().kill();
        cluster.restart(cluster.optimizer());
        JsonNode study = awaitFinished(id);
        assertEquals("COMPLETED", study.path("state").asText(), study.toString());
        assertBudgetMetExactly(study, trials(id));
        assertEquals(undisturbedBestMask, client.report(id).path("best").path("mask").asText());
    }

    @Test
    @Order(4)
    void anEvaluatorKilledMidStudyAndPoisonMessagesLoseNothing() throws Exception {
        String poison = "{\"type\":\"TrialPredicted\",\"poison\":\"" + UUID.randomUUID() + "\"";
        try (TopicClient client = new TopicClient(cluster.bootstrapServers())) {
            for (String topic : List.of(TopicNames.PROPOSED, TopicNames.PREDICTED, TopicNames.PROGRESS, TopicNames.SCORED)) {
                client.send(topic, "poison", poison);
            }
        }
        String id = create(spec("evaluator-killed", 1, 0, List.of()));
        awaitTrial(id, t -> t.path("state").asText().equals("RUNNING"));
        cluster.evaluator().kill();
        cluster.restart(cluster.evaluator());
        JsonNode study = awaitFinished(id);
        assertEquals("COMPLETED", study.path("state").asText(), study.toString());
        assertBudgetMetExactly(study, trials(id));
        assertEquals(undisturbedBestMask, client.report(id).path("best").path("mask").asText());
        // at least once: a consumer killed after dead-lettering but before committing may dead-letter it again
        assertEquals(Set.of(TopicNames.PROPOSED, TopicNames.PREDICTED, TopicNames.PROGRESS, TopicNames.SCORED),
                deadLetterSources(poison), "every consumer dead-lettered its poison copy");
    }

    @Test
    @Order(5)
    void twoTrainersShareTheWork() {
        String id = create(spec("two-trainers", 2, 0, List.of()).replace("\"trialBudget\":3", "\"trialBudget\":4"));
        JsonNode study = awaitFinished(id);
        assertEquals("COMPLETED", study.path("state").asText(), study.toString());
        List<JsonNode> trials = trials(id);
        assertBudgetMetExactly(study, trials);
        Set<String> trainers = new HashSet<>();
        trials.forEach(t -> trainers.add(t.path("trainerId").asText()));
        assertEquals(Set.of("trainer-0", "trainer-1"), trainers);
    }

    @Test
    @Order(6)
    void aDatabaseOutageMidStudyIsRiddenOut() {
        rideOut("database", cluster::stopDatabase, cluster::startDatabase, "database unreachable");
    }

    @Test
    @Order(7)
    void aBrokerOutageMidStudyIsRiddenOut() {
        rideOut("broker", cluster::stopBroker, cluster::startBroker, "broker unreachable");
        assertTrue(cluster.trainers().stream().anyMatch(t -> logOf(t).contains("published after")),
                "the trial that finished while the broker was away had its result sent again until it was taken");
    }

    @Test
    @Order(8)
    void theDatabaseAndTheBrokerDownAtOnceAreRiddenOut() {
        rideOut("database and broker", () -> {
            cluster.stopBroker();
            cluster.stopDatabase();
        }, () -> {
            cluster.startDatabase();
            cluster.startBroker();
        }, "database unreachable");
    }

    /**
     * Takes infrastructure away for longer than a trial's lease while a trial trains, with nobody acting: the
     * services wait, reconnect and go on. The study completes with its exact budget, no trial runs a second
     * attempt (no lease expires for silence the optimizer could not hear), no valid event is dead-lettered,
     * every trial has its timestamps, and the CLI's progress line names the outage in words.
     */
    private void rideOut(String what, Runnable stop, Runnable start, String shownAs) {
        String id = create(spec("outage-" + what.replace(' ', '-'), 1, 0, List.of()));
        awaitTrial(id, t -> t.path("state").asText().equals("RUNNING"));
        stop.run();
        java.util.concurrent.CompletableFuture<java.time.Instant> back = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    Pause.millis(OUTAGE.toMillis());
                    start.run();
                    return java.time.Instant.now();
                });
        java.io.ByteArrayOutputStream shown = new java.io.ByteArrayOutputStream();
        new io.fairtune.launcher.cli.StudyWatcher(client, new java.io.PrintStream(shown, true))
                .watch(id, STUDY_TIMEOUT);
        java.time.Instant cameBack = back.join();
        JsonNode study = client.study(id);
        assertEquals("COMPLETED", study.path("state").asText(), study.toString());
        List<JsonNode> trials = trials(id);
        assertBudgetMetExactly(study, trials);
        for (JsonNode t : trials) {
            assertEquals(1, t.path("attempt").asInt(), "the outage made no trial run again: " + t);
            for (String stamp : List.of("createdAt", "publishedAt", "startedAt", "finishedAt")) {
                assertTrue(t.hasNonNull(stamp), stamp + " of " + t);
            }
        }
        Set<String> trialIds = new HashSet<>();
        trials.forEach(t -> trialIds.add(t.path("id").asText()));
        assertEquals(List.of(), deadLettersMentioning(trialIds), "no valid event of this study was dead-lettered");
        String console = shown.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(console.contains(shownAs) && console.contains("was resolved after"),
                "the progress line said what was down, and when it was over:\n" + console);
        assertTrue(!console.contains("Exception") && !console.contains("\tat "), "no stack trace:\n" + console);
        java.time.Instant nextCompleted = trials.stream().map(t -> java.time.Instant.parse(t.path("finishedAt").asText()))
                .filter(f -> f.isAfter(cameBack)).min(java.util.Comparator.naturalOrder()).orElseThrow();
        System.out.printf("[outage] %s down %d s mid-study: next trial completed %.1f s after it came back%n", what,
                OUTAGE.toSeconds(), java.time.Duration.between(cameBack, nextCompleted).toMillis() / 1000.0);
    }

    private static String logOf(ServiceProcess service) {
        try {
            return java.nio.file.Files.readString(service.log());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> deadLettersMentioning(Set<String> trialIds) {
        try (TopicClient dlq = new TopicClient(cluster.bootstrapServers())) {
            return dlq.read(List.of(TopicNames.DLQ), r -> r.value() != null
                            && trialIds.stream().anyMatch(r.value()::contains), found -> false, Duration.ofSeconds(5))
                    .stream().map(r -> TopicClient.header(r, DeadLetterHeaders.ERROR) + ": " + r.value()).toList();
        }
    }

    // ---- helpers ----

    private static String spec(String name, int parallelism, int finalSeeds, List<String> baselines) {
        String b = baselines.isEmpty() ? "" : "\"" + String.join("\",\"", baselines) + "\"";
        return """
                {"name":"%s","dataset":"%s","sensitiveAttribute":"sex","reportAttributes":["age_binary"],
                 "backbone":{"kind":"vit","checkpoint":"vit-tiny-utkface-gender.safetensors","imageSize":32,"numBlocks":4,
                   "vit":{"imageSize":32,"patchSize":4,"embedDim":96,"depth":4,"numHeads":3,"mlpRatio":2,"numClasses":2}},
                 "searchSpace":"components3","objectives":["min_auc"],"sampler":"tpe","trialBudget":3,
                 "parallelism":%d,
                 "innerLoop":{"epochs":1,"batchSize":32,"optimizer":"adamw","schedule":"constant","warmupEpochs":0,
                   "weightDecay":0.0,"lrMin":1e-4,"lrMax":1e-3,"augment":false,"classWeights":true},
                 "finalPhase":{"seeds":%d,"baselines":[%s]},
                 "bootstrapSamples":50,"maxAttempts":3,"leaseSeconds":20,"seed":%d}
                """.formatted(name, manifest, parallelism, finalSeeds, b, SEED);
    }

    private static String create(String specJson) {
        return client.createStudy(specJson).path("id").asText();
    }

    private static JsonNode awaitFinished(String id) {
        long deadline = System.nanoTime() + STUDY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode study = client.study(id);
            String state = study.path("state").asText();
            if (state.equals("COMPLETED") || state.equals("CANCELLED") || state.equals("FAILED")) {
                return study;
            }
            Pause.millis(500);
        }
        throw new AssertionError("study " + id + " did not finish: " + client.study(id) + "\n" + logs());
    }

    private static JsonNode awaitTrial(String id, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + STUDY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode t : trials(id)) {
                if (condition.test(t)) {
                    return t;
                }
            }
            Pause.millis(200);
        }
        throw new AssertionError("no trial of " + id + " reached the expected state: " + trials(id));
    }

    private static List<JsonNode> trials(String id) {
        List<JsonNode> all = new ArrayList<>();
        client.trials(id, 0, 500).path("items").forEach(all::add);
        return all;
    }

    /** Exactly the budget of distinct search trials counted: none lost, none double-counted. */
    private static void assertBudgetMetExactly(JsonNode study, List<JsonNode> trials) {
        assertEquals(study.path("trialBudget").asInt(), study.path("counted").asInt(), study.toString());
        List<JsonNode> search = trials.stream().filter(t -> t.path("phase").asText().equals("SEARCH")).toList();
        assertEquals(study.path("trialBudget").asInt(), search.size(), "search trials: " + search);
        assertTrue(search.stream().allMatch(t -> t.path("state").asText().equals("COMPLETE")),
                "every search trial completed: " + search);
        Set<Integer> numbers = new HashSet<>();
        search.forEach(t -> numbers.add(t.path("number").asInt()));
        assertEquals(search.size(), numbers.size(), "trial numbers are distinct");
        Set<String> masks = new HashSet<>();
        search.forEach(t -> masks.add(t.path("mask").asText()));
        assertEquals(search.size(), masks.size(), "no mask proposed twice");
    }

    private static ServiceProcess trainerNamed(String trainerId) {
        return cluster.trainers().stream().filter(t -> t.name().equals(trainerId)).findFirst()
                .orElseThrow(() -> new AssertionError("no trainer process named " + trainerId));
    }

    private static Set<String> deadLetterSources(String payload) {
        Set<String> sources = new HashSet<>();
        try (TopicClient dlq = new TopicClient(cluster.bootstrapServers())) {
            dlq.read(List.of(TopicNames.DLQ), r -> r.value() != null && r.value().contains(payload)
                    && TopicClient.header(r, DeadLetterHeaders.SOURCE_TOPIC) != null, found -> {
                        found.forEach(r -> sources.add(TopicClient.header(r, DeadLetterHeaders.SOURCE_TOPIC)));
                        return sources.size() >= 4;
                    }, Duration.ofSeconds(20));
        }
        return sources;
    }

    private static String logs() {
        StringBuilder sb = new StringBuilder();
        List<ServiceProcess> all = new ArrayList<>(List.of(cluster.optimizer(), cluster.evaluator()));
        all.addAll(cluster.trainers());
        for (ServiceProcess s : all) {
            sb.append("---- ").append(s.name()).append('\n').append(s.logTail(15)).append('\n');
        }
        return sb.toString();
    }
}
