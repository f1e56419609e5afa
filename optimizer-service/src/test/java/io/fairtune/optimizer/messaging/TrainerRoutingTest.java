package io.fairtune.optimizer.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.infra.Infrastructure;
import io.fairtune.model.messaging.TopicNames;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.optimizer.domain.Trial;
import io.fairtune.optimizer.support.Credentials;
import io.fairtune.optimizer.support.FakeWorkers;
import io.fairtune.optimizer.support.Specs;
import io.fairtune.optimizer.support.Synthetic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two real consumers join the trainers' group on the real broker, as two trainer pods would. Proposals must
 * spread over them by load: hashing four random trial ids onto two trainers splits them 2/2 only 6 times in 16.
 */
@QuarkusTest
class TrainerRoutingTest {

    @Inject
    TrainerGroup group;

    private final List<Trainer> trainers = new CopyOnWriteArrayList<>();

    /** Records, per consumer, every proposal it receives and the partition it came from. */
    static final class Trainer implements AutoCloseable {
        final String name;
        final KafkaConsumer<String, String> consumer;
        final List<Received> received = new CopyOnWriteArrayList<>();
        /** Written by the poller thread's rebalance callbacks: a KafkaConsumer is not to be touched elsewhere. */
        volatile Set<Integer> assigned = Set.of();
        final Thread poller;
        volatile boolean running = true;

        Trainer(String name) {
            this.name = name;
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "trainers");
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(c);
            consumer.subscribe(List.of(TopicNames.PROPOSED), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assigned = Set.of();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assigned = consumer.assignment().stream().map(TopicPartition::partition)
                            .collect(Collectors.toUnmodifiableSet());
                }
            });
            poller = new Thread(this::poll, name);
            poller.setDaemon(true);
            poller.start();
        }

        private void poll() {
            try {
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        TrialEvent e = EventCodec.decode(r.value());
                        if (e instanceof TrialProposed p) {
                            received.add(new Received(p, r.partition()));
                        }
                    }
                }
            } catch (WakeupException ignored) {
                // closing
            } finally {
                consumer.close();
            }
        }

        List<TrialProposed> of(String studyId) {
            return received.stream().map(Received::proposal).filter(p -> p.studyId().equals(studyId)).toList();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            poller.join(5000);
        }
    }

    record Received(TrialProposed proposal, int partition) {
    }

    @BeforeEach
    void asOperator() {
        // studies of other test classes are left as they are (RestartPart2Test resumes one): they are idle here,
        // their trials were published before any trainer joined and carry no partition, so they add no load
        Credentials.asOperator();
    }

    @AfterEach
    void stopTrainers() throws InterruptedException {
        for (Trainer t : trainers) {
            t.close();
        }
    }

    @Test
    void proposalsGoToTheLeastBusyTrainer() throws Exception {
        Trainer a = new Trainer("trainer-a");
        Trainer b = new Trainer("trainer-b");
        trainers.addAll(List.of(a, b));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<Set<Integer>> assigned = group.partitionsPerTrainer();
            return assigned.size() == 2 && assigned.stream().mapToInt(Set::size).sum() == Infrastructure.TEST_PARTITIONS
                    && !a.assigned.isEmpty() && !b.assigned.isEmpty();
        });

        String id = given().contentType(ContentType.JSON).body(Specs.study("routing").parallelism(4).budget(6).json())
                .post("/studies").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> a.of(id).size() + b.of(id).size() == 4);
        assertEquals(2, a.of(id).size(), "trainer-a's share of 4 proposals");
        assertEquals(2, b.of(id).size(), "trainer-b's share of 4 proposals");
        assertPartitionsRecorded(a, id);
        assertPartitionsRecorded(b, id);

        // trainer-a finishes one trial: the next proposal is its to take, the busier trainer-b gets nothing
        try (FakeWorkers evaluator = new FakeWorkers()) {
            TrialProposed done = a.of(id).get(0);
            evaluator.scored(done, List.of(Synthetic.minAuc(done.mask())), Synthetic.metrics(done.mask(), done.seed()));
            await().atMost(Duration.ofSeconds(30)).until(() -> a.of(id).size() + b.of(id).size() == 5);
            assertEquals(3, a.of(id).size());
            assertEquals(2, b.of(id).size());
        }
        given().post("/studies/" + id + "/cancel").then().statusCode(200);
    }

    /**
     * A second trainer joins while the first runs one trial with another waiting behind it: the waiting proposal
     * is withdrawn (its attempt cancelled) and goes to whichever trainer the rebalance left without work, as its
     * next attempt, without counting as an attempt made.
     */
    @Test
    void aProposalWaitingBehindABusyTrainerMovesToOneThatJoins() throws Exception {
        Trainer a = new Trainer("trainer-a");
        trainers.add(a);
        await().atMost(Duration.ofSeconds(60)).until(() -> group.partitionsPerTrainer().size() == 1
                && a.assigned.size() == Infrastructure.TEST_PARTITIONS);
        String id = given().contentType(ContentType.JSON).body(Specs.study("moves").parallelism(2).budget(4).json())
                .post("/studies").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> a.of(id).size() == 2);
        TrialProposed first = a.of(id).get(0);
        TrialProposed second = a.of(id).get(1);
        try (FakeWorkers control = new FakeWorkers()) {
            control.started(first);
            await().atMost(Duration.ofSeconds(30)).until(() -> stored(first.trialId()).startedAt != null);
            assertTrue(control.cancelsOf(id).isEmpty(), "one trainer, nowhere to move to");

            Trainer b = new Trainer("trainer-b");
            trainers.add(b);
            await().atMost(Duration.ofSeconds(60)).until(() -> !a.assigned.isEmpty() && !b.assigned.isEmpty()
                    && a.assigned.size() + b.assigned.size() == Infrastructure.TEST_PARTITIONS);
            // both proposals went to a's two lowest partitions, which the range assignment keeps together: the
            // trainer holding neither has nothing to do
            Set<Integer> used = Set.of(partitionOf(a, first), partitionOf(a, second));
            Trainer idle = java.util.stream.Stream.of(a, b).filter(t -> t.assigned.stream().noneMatch(used::contains))
                    .findFirst().orElseThrow(() -> new AssertionError("partitions " + used + " were split: a "
                            + a.assigned + ", b " + b.assigned));
            await().atMost(Duration.ofSeconds(30)).until(() -> idle.received.stream()
                    .anyMatch(r -> r.proposal().trialId().equals(second.trialId()) && r.proposal().attempt() == 2));
            Trial moved = stored(second.trialId());
            assertEquals(2, moved.attempt);
            assertEquals(1, moved.moves);
            assertTrue(idle.assigned.contains(moved.kafkaPartition), "published to the idle trainer's partition");
            await().atMost(Duration.ofSeconds(10)).until(() -> control.cancelsOf(id).size() == 1);
            assertEquals(second.trialId(), control.cancelsOf(id).get(0).trialId());
            assertEquals(1, control.cancelsOf(id).get(0).attempt(), "the copy left behind is cancelled");
            assertEquals(1, stored(first.trialId()).attempt, "the running trial stays where it runs");
        }
        given().post("/studies/" + id + "/cancel").then().statusCode(200);
    }

    private static int partitionOf(Trainer t, TrialProposed p) {
        return t.received.stream().filter(r -> r.proposal().equals(p)).findFirst().orElseThrow().partition();
    }

    private static Trial stored(String trialId) {
        return QuarkusTransaction.requiringNew().call(() -> Trial.<Trial>findById(trialId));
    }

    /** The database knows each trial's partition (load is counted from it, also after a restart). */
    private static void assertPartitionsRecorded(Trainer t, String studyId) {
        for (Received r : t.received) {
            if (r.proposal().studyId().equals(studyId)) {
                Integer stored = QuarkusTransaction.requiringNew()
                        .call(() -> Trial.<Trial>findById(r.proposal().trialId()).kafkaPartition);
                assertEquals(r.partition(), stored, "stored partition of trial " + r.proposal().trialId());
                assertTrue(t.assigned.contains(r.partition()), t.name + " received from a partition it holds");
            }
        }
    }
}
