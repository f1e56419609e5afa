package io.fairtune.optimizer.hostile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.messaging.TopicNames;
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
import io.fairtune.optimizer.support.Credentials;
import io.fairtune.infra.TopicClient;
import io.fairtune.optimizer.support.FakeWorkers;
import io.fairtune.model.testing.HostileInputs;
import io.fairtune.model.testing.PoisonMessages;
import io.fairtune.model.testing.PoisonMessages.Poison;
import io.fairtune.optimizer.support.Specs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Poison on both topics the optimizer consumes (progress, scored): every event type broken field by field,
 * payloads that are no event at all, and valid events of a type that does not belong on the topic. All of them
 * reference a real in-flight trial. Each must reach the dead-letter topic with its source and reason, the trial
 * must be untouched, and the consumers must still apply the valid events sent afterwards.
 */
@QuarkusTest
class PoisonMessageTest {

    private static Map<String, Object> trial(String studyId) {
        JsonPath page = given().get("/studies/" + studyId + "/trials").then().statusCode(200).extract().jsonPath();
        assertEquals(1, page.getInt("total"));
        return page.getMap("items[0]");
    }

    @Test
    void poisonIsDeadLetteredAndTheConsumersKeepGoing() {
        Credentials.asOperator();
        HostileInputs ledger = HostileInputs.suite("optimizer-kafka");
        try (FakeWorkers workers = new FakeWorkers()) {
            String studyId = given().contentType(ContentType.JSON)
                    .body(Specs.study("poison").budget(1).parallelism(1).json()).post("/studies")
                    .then().statusCode(201).extract().path("id");
            await().atMost(Duration.ofSeconds(30)).until(() -> !workers.proposalsOf(studyId).isEmpty());
            TrialProposed p = workers.proposalsOf(studyId).get(0);
            String sid = p.studyId();
            String tid = p.trialId();
            Instant now = Instant.now();
            TrialStarted started = new TrialStarted(1, sid, tid, 1, "trainer-x", now);
            TrialProgress progress = new TrialProgress(1, sid, tid, 1, "trainer-x", 1, 2, 0.5, 0.6, 100.0, now);
            TrialPredicted predicted = new TrialPredicted(1, sid, tid, 1, TrialPhase.SEARCH, "trainer-x", p.dataset(),
                    "val", p.evaluation(), List.of("s1", "s2"), new double[] {0.1, 0.9}, 2, 1.0, now);
            TrialScored scored = new TrialScored(1, sid, tid, 1, TrialPhase.SEARCH, "val", List.of(0.8),
                    Map.of("min_auc", 0.8), now);
            TrialFailed failed = new TrialFailed(1, sid, tid, 1, TrialFailed.STAGE_TRAINING, "oom", false, now);
            TrialCancelled cancelled = new TrialCancelled(1, sid, tid, 1, "poison", now);
            TrialProposed proposed = p.label() == null
                    ? new TrialProposed(p.schemaVersion(), sid, tid, p.attempt(), p.trialNumber(), p.phase(), "label",
                    p.searchSpace(), p.mask(), p.learningRate(), p.seed(), p.backbone(), p.dataset(), p.innerLoop(),
                    p.evaluation(), p.evalSplit(), p.proposedAt())
                    : p;
            List<TrialEvent> everyType = List.of(proposed, started, progress, predicted, scored, failed, cancelled);

            // topic -> poisons
            Map<String, List<Poison>> plan = new LinkedHashMap<>();
            for (String topic : List.of(TopicNames.PROGRESS, TopicNames.SCORED)) {
                List<Poison> list = new ArrayList<>(PoisonMessages.notEvents());
                for (TrialEvent e : everyType) {
                    list.addAll(PoisonMessages.broken(e));
                }
                plan.put(topic, list);
            }
            for (TrialEvent e : List.of(proposed, predicted, scored, cancelled)) {
                plan.get(TopicNames.PROGRESS).add(wrongTopic(e, TopicNames.PROGRESS));
            }
            for (TrialEvent e : List.of(proposed, started, progress, predicted, cancelled)) {
                plan.get(TopicNames.SCORED).add(wrongTopic(e, TopicNames.SCORED));
            }

            Map<String, Poison> byKey = new LinkedHashMap<>();
            Map<String, String> topicOfKey = new LinkedHashMap<>();
            plan.forEach((topic, poisons) -> {
                for (Poison poison : poisons) {
                    String key = "poison-" + UUID.randomUUID();
                    byKey.put(key, poison);
                    topicOfKey.put(key, topic);
                    workers.raw(topic, key, poison.payload());
                }
            });
            Map<String, ConsumerRecord<String, String>> dead = TopicClient.onTestBroker().awaitKeys(TopicNames.DLQ, byKey.keySet(),
                    Duration.ofSeconds(90));
            byKey.forEach((key, poison) -> ledger.attempt(poison.category() + " -> " + shortTopic(topicOfKey.get(key)),
                    poison.what(), () -> {
                        ConsumerRecord<String, String> r = dead.get(key);
                        assertTrue(r != null, () -> "not dead-lettered: " + poison + " on " + topicOfKey.get(key));
                        assertEquals(topicOfKey.get(key), TopicClient.header(r, DeadLetterHeaders.SOURCE_TOPIC));
                        String reason = TopicClient.header(r, DeadLetterHeaders.ERROR);
                        assertTrue(reason != null && !reason.isBlank(), "a dead letter says why");
                        assertEquals(poison.payload() == null ? "" : poison.payload(), r.value(),
                                "the dead letter keeps the original payload");
                    }));

            // nothing half-applied: the trial is as it was proposed
            Map<String, Object> t = trial(studyId);
            assertEquals("PROPOSED", t.get("state"));
            assertEquals(1, t.get("attempt"));
            assertEquals(null, t.get("failureReason"));
            assertEquals(null, t.get("startedAt"));
            assertFalse(workers.cancelsOf(studyId).stream().anyMatch(c -> c.trialId().equals(tid)));

            // and both consumers still work
            workers.raw(TopicNames.PROGRESS, tid, EventCodec.encode(started));
            await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(trial(studyId).get("state")));
            workers.raw(TopicNames.SCORED, tid, EventCodec.encode(scored));
            await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETE".equals(trial(studyId).get("state")));
        } finally {
            HostileInputs.writeSummary();
        }
    }

    private static Poison wrongTopic(TrialEvent e, String topic) {
        return new Poison("valid event on the wrong topic", e.getClass().getSimpleName() + " on " + topic,
                EventCodec.encode(e));
    }

    private static String shortTopic(String topic) {
        return topic.substring(topic.lastIndexOf('.') + 1);
    }
}
