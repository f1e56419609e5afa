package io.fairtune.trainer.loadgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.infra.Infrastructure;
import io.fairtune.infra.TopicClient;
import io.fairtune.infra.Topics;
import io.fairtune.infra.quarkus.KafkaTestResource;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.data.ManifestSample;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialCancelled;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.events.TrialProgress;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.events.TrialStarted;
import io.fairtune.model.study.BackboneSpec;
import io.fairtune.model.study.DatasetRef;
import io.fairtune.model.study.EvaluationSpec;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.model.study.VitConfig;
import io.fairtune.trainer.checkpoint.FileTrialCheckpoints;
import io.fairtune.trainer.domain.TrainerSettings;
import io.fairtune.trainer.domain.TrialCancellations;
import io.fairtune.trainer.domain.TrialCheckpoint;
import io.fairtune.trainer.domain.TrialEventSink;
import io.fairtune.trainer.domain.TrialExecutor;
import io.fairtune.trainer.domain.TrialFingerprint;
import io.fairtune.trainer.domain.TrialRun;
import io.fairtune.trainer.domain.TrialRunner;
import io.fairtune.trainer.training.TrialCancelledException;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The load generator behind the trainer's real consumer path, on the real broker: two consumers in one JVM
 * (each its own member of the trainers' group) run two simulated trials at once, with per-epoch progress,
 * heartbeats, the drawn duration and the synthetic scores for the real validation split; a cancellation
 * stops a sleeping trial and nothing more is published for it; a stopping trainer hands its trial back
 * (nothing published, the proposal left uncommitted). Its own topics and group keep it apart from
 * the other trainer tests on the shared broker.
 */
@QuarkusTest
@TestProfile(LoadGeneratorFlowTest.TwoSimulatedTrainers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadGeneratorFlowTest {

    static final String PREFIX = "loadgen-test.";
    static final String PROPOSED = PREFIX + "proposed";
    static final String PROGRESS = PREFIX + "progress";
    static final String PREDICTED = PREFIX + "predicted";
    static final String CONTROL = PREFIX + "control";
    static final String GROUP = "loadgen-test-trainers";
    static final Duration MEAN = Duration.ofSeconds(3);
    static final Path REPO = Path.of(System.getProperty("fairtune.repo.root", ".."));
    static final String MANIFEST = "ham10000/manifest.csv";

    public static class TwoSimulatedTrainers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("fairtune.trainer.executor", "load-generator"),
                    Map.entry("fairtune.trainer.load-generator.mean-trial", "3s"),
                    Map.entry("fairtune.trainer.checkpoint-dir", "target/loadgen-test-checkpoints"),
                    Map.entry("fairtune.trainer.group", GROUP),
                    Map.entry("fairtune.topics.proposed", PROPOSED),
                    Map.entry("fairtune.topics.progress", PROGRESS),
                    Map.entry("fairtune.topics.predicted", PREDICTED),
                    Map.entry("fairtune.topics.control", CONTROL),
                    Map.entry("fairtune.topics.dlq", PREFIX + "dlq"),
                    Map.entry("mp.messaging.incoming.trials-proposed-in.concurrency", "2"),
                    Map.entry("smallrye.messaging.worker.trainer-worker.max-concurrency", "2"));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TopicsFirst.class));
        }
    }

    /** The proposals topic needs its two partitions before the two consumers join. */
    public static class TopicsFirst implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            String bootstrap = Infrastructure.kafka().bootstrapServers();
            Topics.create(bootstrap, List.of(PROPOSED, PROGRESS, PREDICTED, CONTROL, PREFIX + "dlq").stream()
                    .collect(Collectors.toMap(t -> t, t -> 2)));
            return Map.of("kafka.bootstrap.servers", bootstrap);
        }

        @Override
        public void stop() {
        }
    }

    @Inject
    TrialCancellations cancellations;

    @Inject
    TrialRunner runner;

    @Inject
    Instance<TrialExecutor> executors;

    @Inject
    FileTrialCheckpoints checkpoints;

    @Inject
    TrainerSettings settings;

    /**
     * Runs before the test that stops this trainer: a simulated trial handed back after 1.2 s leaves its position
     * on disk; the next run of the trial (through the real TrialRunner) says where it resumes in TrialStarted,
     * sleeps only the rest of the drawn length, and removes the checkpoint once trained.
     */
    @Test
    @Order(1)
    void aHandedBackSimulatedTrialResumesAndSleepsOnlyWhatIsLeft() throws Exception {
        DatasetManifest manifest = DatasetManifest.load(REPO.resolve("datasets").resolve(MANIFEST));
        TrialProposed p = proposal("t-resume", "110011001100", 21, manifest);
        String fingerprint = TrialFingerprint.of(p, settings);
        Files.deleteIfExists(checkpoints.fileOf(p).orElseThrow());
        double length = TrialDurations.draw(MEAN, 0.25, p.seed()).toNanos() / 1e9;
        assertTrue(length > 2.0, "the drawn length leaves room for a hand-back at 1.2 s: " + length);
        Collected first = new Collected();
        long start = System.nanoTime();
        TrialRun handedBack = new TrialRun(p, fingerprint, checkpoints, Optional.empty(),
                () -> System.nanoTime() - start >= 1_200_000_000L, () -> true);
        assertThrows(TrialCancelledException.class, () -> executors.get().execute(p, first, handedBack));
        double wall = (System.nanoTime() - start) / 1e9;
        TrialCheckpoint saved = checkpoints.load(p, fingerprint).orElseThrow();
        // the simulated time starts once the splits are read, a little after this test's clock
        assertTrue(saved.trainerSeconds() > 0.6 && saved.trainerSeconds() <= wall,
                "the hand-back saved the point it stopped at: " + saved.trainerSeconds() + " s of " + wall + " s");

        Collected second = new Collected();
        assertEquals(TrialRunner.Outcome.TRAINED, runner.run(p, second));
        TrialStarted started = (TrialStarted) second.events.get(0);
        assertEquals(new TrialStarted.Resumption(saved.state().epoch(), 0, saved.trainerSeconds()), started.resumed());
        TrialPredicted predicted = (TrialPredicted) second.events.get(second.events.size() - 1);
        double rest = length - saved.trainerSeconds();
        assertTrue(predicted.trainSeconds() >= rest - 0.05 && predicted.trainSeconds() < rest + 0.8,
                "slept only the rest, " + rest + " s of " + length + ": " + predicted.trainSeconds());
        assertEquals(java.util.stream.IntStream.rangeClosed(saved.state().epoch(), 3).boxed().toList(),
                second.events.stream().filter(e -> e instanceof TrialProgress pr && pr.epoch() > 0)
                        .map(e -> ((TrialProgress) e).epoch()).toList(), "progress for the epochs left only");
        assertFalse(Files.exists(checkpoints.fileOf(p).orElseThrow()), "a trained trial's checkpoint is removed");
    }

    /** Events of one run, acknowledged at once (no broker: this test calls the runner itself). */
    static final class Collected implements TrialEventSink {
        final List<TrialEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> progress(TrialEvent event) {
            events.add(event);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> predicted(TrialEvent event) {
            events.add(event);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    @Order(2)
    void twoSimulatedTrainersInOneJvmRunTrialsAtOnceWithRealSplitsStopWhenCancelledAndHandBackWhenStopping()
            throws Exception {
        DatasetManifest manifest = DatasetManifest.load(REPO.resolve("datasets").resolve(MANIFEST));
        TrialProposed a = proposal("t-a", "101100110011", 11, manifest);
        TrialProposed b = proposal("t-b", "010011001100", 12, manifest);
        TrialProposed c = proposal("t-c", "111111000000", 13, manifest);
        try (TopicClient client = new TopicClient(Infrastructure.kafka().bootstrapServers());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     Infrastructure.kafka().bootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeConsumerGroups(List.of(GROUP))
                    .describedGroups().get(GROUP).get().members().stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty()).count() == 2);
            client.sendAll(List.of(new ProducerRecord<>(PROPOSED, 0, a.trialId(), EventCodec.encode(a)),
                    new ProducerRecord<>(PROPOSED, 1, b.trialId(), EventCodec.encode(b))));

            List<ConsumerRecord<String, String>> seen = client.read(List.of(PROGRESS, PREDICTED), r -> true,
                    found -> found.stream().filter(r -> r.topic().equals(PREDICTED)).count() == 2,
                    Duration.ofSeconds(60));
            List<ConsumerRecord<String, String>> results = seen.stream().filter(r -> r.topic().equals(PREDICTED)).toList();
            assertEquals(2, results.size(), "both trials predicted: " + seen.size() + " records seen");
            long lastStart = seen.stream().map(r -> EventCodec.decode(r.value()))
                    .filter(e -> e instanceof TrialStarted).mapToLong(e -> ((TrialStarted) e).startedAt().toEpochMilli())
                    .max().orElseThrow();
            long firstEnd = results.stream().mapToLong(r -> EventCodec.decode(r.value(), TrialPredicted.class)
                    .predictedAt().toEpochMilli()).min().orElseThrow();
            assertTrue(lastStart < firstEnd, "two consumers in one JVM: both trials started before either finished");

            List<ManifestSample> val = manifest.split("val");
            int[] labels = val.stream().mapToInt(ManifestSample::label).toArray();
            String[] groups = val.stream().map(s -> s.group("sex")).toArray(String[]::new);
            for (TrialProposed p : List.of(a, b)) {
                List<TrialEvent> events = seen.stream().filter(r -> p.trialId().equals(r.key()))
                        .map(r -> EventCodec.decode(r.value())).toList();
                assertTrue(events.get(0) instanceof TrialStarted, "TrialStarted first: " + events);
                List<TrialProgress> epochs = events.stream().filter(e -> e instanceof TrialProgress pr && pr.epoch() > 0)
                        .map(TrialProgress.class::cast).toList();
                assertEquals(List.of(1, 2, 3), epochs.stream().map(TrialProgress::epoch).toList());
                epochs.forEach(e -> assertTrue(e.intermediateObjective() > 0.5 && e.intermediateObjective() < 1,
                        "min_auc on the real validation split: " + e.intermediateObjective()));
                long beats = events.stream().filter(e -> e instanceof TrialProgress pr && pr.epoch() == 0).count();
                double expected = TrialDurations.draw(MEAN, 0.25, p.seed()).toNanos() / 1e9;
                assertTrue(beats >= (long) expected - 2, beats + " heartbeats (1 s apart) in " + expected + " s");

                TrialPredicted predicted = (TrialPredicted) events.get(events.size() - 1);
                assertEquals(val.stream().map(ManifestSample::sampleId).toList(), predicted.sampleIds());
                assertArrayEquals(SyntheticScores.of(p.mask(), p.learningRate(), p.seed(), labels, groups, 1.0),
                        predicted.scores(), "the seeded function of the mask, for every validation sample");
                assertTrue(predicted.trainSeconds() >= expected && predicted.trainSeconds() < expected + 1.0,
                        "slept the drawn " + expected + " s: " + predicted.trainSeconds());
            }

            client.sendAll(List.of(new ProducerRecord<>(PROPOSED, 0, c.trialId(), EventCodec.encode(c))));
            client.read(List.of(PROGRESS), r -> c.trialId().equals(r.key()), found -> !found.isEmpty(),
                    Duration.ofSeconds(30));
            client.send(CONTROL, new TrialCancelled(1, c.studyId(), c.trialId(), c.attempt(), "pruned", Instant.now()));
            List<ConsumerRecord<String, String>> after = client.read(List.of(PREDICTED),
                    r -> c.trialId().equals(r.key()), found -> !found.isEmpty(), MEAN.multipliedBy(3));
            assertTrue(after.isEmpty(), "a cancelled simulated trial publishes no predictions");

            // SIGTERM after the drain: the running attempt stops and is handed back, never acknowledged
            TrialProposed d = proposal("t-d", "000111000111", 14, manifest);
            TopicPartition p1 = new TopicPartition(PROPOSED, 1);
            long offset = admin.listOffsets(Map.of(p1, OffsetSpec.latest())).partitionResult(p1).get().offset();
            client.sendAll(List.of(new ProducerRecord<>(PROPOSED, 1, d.trialId(), EventCodec.encode(d))));
            client.read(List.of(PROGRESS), r -> d.trialId().equals(r.key()), found -> !found.isEmpty(),
                    Duration.ofSeconds(30));
            cancellations.stopAll();
            List<ConsumerRecord<String, String>> handedBack = client.read(List.of(PROGRESS, PREDICTED),
                    r -> d.trialId().equals(r.key()) && !r.value().contains("TrialStarted")
                            && !r.value().contains("TrialProgress"), found -> !found.isEmpty(), MEAN.multipliedBy(3));
            assertTrue(handedBack.isEmpty(), "a handed-back attempt publishes neither predictions nor a failure");
            Thread.sleep(6000); // past the connector's commit interval: an acknowledgement would be committed by now
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()
                    .get(p1);
            assertEquals(offset, committed.offset(), "the handed-back proposal stays uncommitted, for a trainer that stays");
        }
    }

    static TrialProposed proposal(String trialId, String mask, long seed, DatasetManifest manifest) {
        return new TrialProposed(1, "s1", trialId, 1, 1, TrialPhase.SEARCH, "search", "blocks", mask, 3e-4, seed,
                BackboneSpec.vit("unused.safetensors", VitConfig.tiny()), new DatasetRef(MANIFEST, manifest.sha256()),
                InnerLoopSpec.defaults(),
                new EvaluationSpec("sex", List.of(), List.of("min_auc"), "fixed", 0, 0), "val", Instant.now());
    }
}
