package io.fairtune.trainer.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.messaging.TopicNames;
import io.fairtune.infra.quarkus.KafkaTestResource;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialCancelled;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialFailed;
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
import io.fairtune.trainer.tools.PretrainVit;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.fairtune.trainer.checkpoint.FileTrialCheckpoints;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.restassured.RestAssured;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The trainer through the real broker: the pretrained tiny ViT fine-tuned on the HAM10000 manifest for one
 * short epoch (the %test profile subsamples the training split), with a malformed proposal, a cancelled
 * attempt and an attempt with an invalid mask queued in front of it: the consumer keeps going.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class TrainerFlowTest {

    static final Path REPO = Path.of(System.getProperty("fairtune.repo.root", ".."));
    static final String MANIFEST = "ham10000/manifest.csv";

    @Inject
    FileTrialCheckpoints checkpoints;

    @Test
    void fineTunesOnHam10000ThroughTheBrokerSkippingGarbageBadMasksAndCancelledAttempts() throws Exception {
        DatasetManifest manifest = DatasetManifest.load(REPO.resolve("datasets").resolve(MANIFEST));
        try (TopicProbe probe = new TopicProbe(List.of(TopicNames.PROGRESS, TopicNames.PREDICTED, TopicNames.DLQ))) {
            probe.send(TopicNames.PROPOSED, "garbage", "{not a trial event");
            probe.send(TopicNames.CONTROL, new TrialCancelled(1, "s1", "t-cancelled", 1, "pruned", Instant.now()));
            Thread.sleep(1500); // the control consumer runs beside the (busy) proposal consumer
            probe.send(TopicNames.PROPOSED, proposal("t-cancelled", manifest));
            TrialProposed good = proposal("t-badmask", manifest);
            probe.send(TopicNames.PROPOSED, new TrialProposed(1, "s1", "t-badmask", 1, 2, TrialPhase.SEARCH, "bad", "blocks",
                    "01", 1e-3, 1, good.backbone(), good.dataset(), good.innerLoop(), good.evaluation(), "val",
                    Instant.now()));
            TrialProposed proposal = proposal("t-flow", manifest);
            Path checkpoint = checkpoints.fileOf(proposal).orElseThrow();
            Files.deleteIfExists(checkpoint); // left by an earlier, interrupted run of this test
            probe.send(TopicNames.PROPOSED, proposal);

            probe.await(r -> r.topic().equals(TopicNames.DLQ) && r.value().equals("{not a trial event"),
                    Duration.ofSeconds(60));
            TrialFailed failed = EventCodec.decode(probe.await(r -> "t-badmask".equals(r.key())
                    && r.value().contains("TrialFailed"), Duration.ofSeconds(60)).value(), TrialFailed.class);
            assertEquals(TrialFailed.STAGE_TRAINING, failed.stage());
            assertFalse(failed.retryable(), "a mask of the wrong length cannot succeed on retry");
            assertTrue(failed.reason().contains("bits"), failed.reason());

            ConsumerRecord<String, String> record = probe.await(
                    r -> r.topic().equals(TopicNames.PREDICTED) && "t-flow".equals(r.key()), Duration.ofSeconds(120));
            TrialPredicted predicted = EventCodec.decode(record.value(), TrialPredicted.class);
            List<String> valIds = manifest.split("val").stream().map(s -> s.sampleId()).toList();
            assertEquals(valIds, predicted.sampleIds(), "one score per validation sample, in manifest order");
            for (double s : predicted.scores()) {
                assertTrue(Double.isFinite(s) && s >= 0 && s <= 1, "score " + s);
            }
            Set<Double> distinct = java.util.Arrays.stream(predicted.scores()).boxed().collect(Collectors.toSet());
            assertTrue(distinct.size() > 10, "scores should depend on the image");
            assertEquals("val", predicted.split());
            assertEquals(1, predicted.epochsTrained());
            assertEquals(proposal.dataset(), predicted.dataset());

            List<TrialEvent> events = probe.eventsOf("t-flow");
            assertTrue(events.get(0) instanceof TrialStarted, "first event is TrialStarted: " + events);
            assertEquals(null, ((TrialStarted) events.get(0)).resumed(), "no checkpoint: from the beginning");
            // the epoch's checkpoint goes once the attempt is TRAINED (right after TrialPredicted is acknowledged)
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(checkpoint));
            TrialProgress epoch = events.stream().filter(e -> e instanceof TrialProgress p && p.epoch() == 1)
                    .map(TrialProgress.class::cast).findFirst().orElseThrow();
            assertEquals(1, epoch.totalEpochs());
            assertTrue(epoch.trainLoss() != null && epoch.trainLoss() > 0 && epoch.trainLoss() < 5);
            assertTrue(epoch.imagesPerSecond() > 0);
            // min_auc over sex on the validation split, computed with the shared FairnessMetrics
            assertTrue(epoch.intermediateObjective() != null && epoch.intermediateObjective() >= 0
                    && epoch.intermediateObjective() <= 1, "objective " + epoch.intermediateObjective());

            // proposals sit on two partitions: wait until the cancelled one was taken (and dropped) as well
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> trialsCounted("cancelled") >= 1);
            assertThrows(AssertionError.class, () -> probe.await(r -> "t-cancelled".equals(r.key()),
                    Duration.ofSeconds(2)), "a cancelled attempt publishes nothing");
        }
    }

    private static double trialsCounted(String outcome) {
        String body = RestAssured.get("/q/metrics").asString();
        Matcher m = Pattern.compile("fairtune_trainer_trials_total\\{[^}]*outcome=\"" + outcome
                + "\"[^}]*} ([0-9.Ee+-]+)").matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static TrialProposed proposal(String trialId, DatasetManifest manifest) {
        VitConfig tiny = VitConfig.tiny();
        return new TrialProposed(1, "s1", trialId, 1, 1, TrialPhase.SEARCH, "search #1", "blocks",
                "0".repeat(tiny.depth() - 3) + "111", 3e-4,
                11L, BackboneSpec.vit(PretrainVit.CHECKPOINT, tiny), new DatasetRef(MANIFEST, manifest.sha256()),
                new InnerLoopSpec(1, 32, "adamw", "cosine", 0, 0.05, 1e-5, 1e-3, true, true),
                new EvaluationSpec("sex", List.of("age_binary"), List.of("min_auc"), "fixed", 0, 0), "val",
                Instant.now());
    }
}
