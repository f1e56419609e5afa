package io.fairtune.evaluator.hostile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.testing.HostileInputs;
import io.fairtune.model.testing.PoisonMessages;
import io.fairtune.model.testing.PoisonMessages.Poison;
import io.fairtune.evaluator.support.TestSplit;
import io.fairtune.model.messaging.TopicNames;
import io.fairtune.infra.TopicClient;
import io.fairtune.model.messaging.DeadLetterHeaders;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialCancelled;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialFailed;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.events.TrialProgress;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.events.TrialScored;
import io.fairtune.model.events.TrialStarted;
import io.fairtune.model.study.BackboneSpec;
import io.fairtune.model.study.EvaluationSpec;
import io.fairtune.model.study.InnerLoopSpec;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Poison on the topic the evaluator consumes (predicted): every event type broken field by field, payloads that
 * are no event, and valid events of the six types that do not belong there. Each must reach the dead-letter
 * topic with its source and reason, no report may be written for the targeted trial, and the consumer must still
 * score valid predictions sent afterwards.
 */
@QuarkusTest
class PoisonMessageTest {

    private static final TopicClient BROKER = TopicClient.onTestBroker();

    static final TestSplit SPLIT = new TestSplit("poison", 30, 3);
    static final EvaluationSpec SPEC = TestSplit.spec(EvaluationSpec.THRESHOLD_FIXED, "min_auc");

    @Test
    void poisonIsDeadLetteredAndTheConsumerKeepsGoing() {
        HostileInputs ledger = HostileInputs.suite("evaluator-kafka");
        try {
            String tid = "poison-target-" + UUID.randomUUID();
            String sid = "study-poison";
            Instant now = Instant.now();
            TrialPredicted predicted = SPLIT.predicted(tid, 1, SPEC);
            TrialProposed proposed = new TrialProposed(1, sid, tid, 1, 0, TrialPhase.SEARCH, "label", "blocks", "11",
                    1e-4, 7L, new BackboneSpec(BackboneSpec.KIND_VIT, "models/x.params", null, 32, 2), SPLIT.ref,
                    InnerLoopSpec.defaults(), SPEC, "val", now);
            List<TrialEvent> everyType = List.of(proposed, new TrialStarted(1, sid, tid, 1, "trainer-x", now),
                    new TrialProgress(1, sid, tid, 1, "trainer-x", 1, 2, 0.5, 0.6, 100.0, now), predicted,
                    new TrialScored(1, sid, tid, 1, TrialPhase.SEARCH, "val", List.of(0.8), Map.of("min_auc", 0.8), now),
                    new TrialFailed(1, sid, tid, 1, TrialFailed.STAGE_TRAINING, "oom", false, now),
                    new TrialCancelled(1, sid, tid, 1, "poison", now));

            List<Poison> poisons = new ArrayList<>(PoisonMessages.notEvents());
            for (TrialEvent e : everyType) {
                poisons.addAll(PoisonMessages.broken(e));
                if (!(e instanceof TrialPredicted)) {
                    poisons.add(new Poison("valid event on the wrong topic", e.getClass().getSimpleName(),
                            EventCodec.encode(e)));
                }
            }
            Map<String, Poison> byKey = new LinkedHashMap<>();
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (Poison p : poisons) {
                String key = "poison-" + UUID.randomUUID();
                byKey.put(key, p);
                records.add(new ProducerRecord<>(TopicNames.PREDICTED, key, p.payload()));
            }
            BROKER.sendAll(records);
            Map<String, ConsumerRecord<String, String>> dead = BROKER.awaitKeys(TopicNames.DLQ, byKey.keySet(),
                    Duration.ofSeconds(90));
            byKey.forEach((key, poison) -> ledger.attempt(poison.category() + " -> predicted", poison.what(), () -> {
                ConsumerRecord<String, String> r = dead.get(key);
                assertTrue(r != null, () -> "not dead-lettered: " + poison);
                assertEquals(TopicNames.PREDICTED, TopicClient.header(r, DeadLetterHeaders.SOURCE_TOPIC));
                String reason = TopicClient.header(r, DeadLetterHeaders.ERROR);
                assertTrue(reason != null && !reason.isBlank(), "a dead letter says why");
                assertEquals(poison.payload() == null ? "" : poison.payload(), r.value());
            }));

            // nothing half-written for the trial every poison pointed at
            given().get("/reports/" + tid).then().statusCode(404);

            // and the consumer still scores valid predictions: the very trial the poison aimed at
            BROKER.send(TopicNames.PREDICTED, tid, EventCodec.encode(predicted));
            assertInstanceOf(TrialScored.class, EventCodec.decode(BROKER.awaitOne(TopicNames.SCORED, tid).value()));
            given().get("/reports/" + tid).then().statusCode(200);
        } finally {
            HostileInputs.writeSummary();
        }
    }
}
