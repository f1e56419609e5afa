package io.fairtune.optimizer.support;

import io.fairtune.infra.TopicClient;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.MalformedEventException;
import io.fairtune.model.events.TrialCancelled;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialFailed;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialProgress;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.events.TrialScored;
import io.fairtune.model.events.TrialStarted;
import io.fairtune.model.messaging.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The test plays trainer and evaluator over the real broker: it reads TrialProposed and TrialCancelled,
 * and answers the studies it was asked to serve with TrialStarted / TrialProgress / TrialScored / TrialFailed.
 */
public final class FakeWorkers implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final TopicClient client;
    private final Thread poller;
    /** Behaviours run here, so a slow "trainer" never stops the poller from seeing cancels. */
    private final java.util.concurrent.ExecutorService trainers = java.util.concurrent.Executors.newCachedThreadPool();
    private volatile boolean running = true;
    private final Map<String, BiConsumer<TrialProposed, FakeWorkers>> served = new ConcurrentHashMap<>();
    public final List<TrialProposed> proposals = new CopyOnWriteArrayList<>();
    public final List<TrialCancelled> cancels = new CopyOnWriteArrayList<>();

    public FakeWorkers() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "fake-workers-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(c);
        consumer.subscribe(List.of(TopicNames.PROPOSED, TopicNames.CONTROL));
        client = new TopicClient(bootstrap);
        poller = new Thread(this::poll, "fake-workers");
        poller.setDaemon(true);
        poller.start();
    }

    /** Answers every proposal of the study (also ones already seen) with {@code behaviour}. */
    public void serve(String studyId, BiConsumer<TrialProposed, FakeWorkers> behaviour) {
        served.put(studyId, behaviour);
        for (TrialProposed p : proposals) {
            if (p.studyId().equals(studyId)) {
                trainers.submit(() -> behaviour.accept(p, this));
            }
        }
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    TrialEvent e;
                    try {
                        e = EventCodec.decode(r.value());
                    } catch (MalformedEventException ex) {
                        continue;
                    }
                    if (e instanceof TrialCancelled c) {
                        cancels.add(c);
                    } else if (e instanceof TrialProposed p) {
                        proposals.add(p);
                        BiConsumer<TrialProposed, FakeWorkers> b = served.get(p.studyId());
                        if (b != null) {
                            trainers.submit(() -> {
                                try {
                                    b.accept(p, this);
                                } catch (RuntimeException ex) {
                                    ex.printStackTrace();
                                }
                            });
                        }
                    }
                }
            }
        } catch (WakeupException ignored) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public List<TrialProposed> proposalsOf(String studyId) {
        List<TrialProposed> out = new ArrayList<>();
        for (TrialProposed p : proposals) {
            if (p.studyId().equals(studyId)) {
                out.add(p);
            }
        }
        return out;
    }

    public List<TrialCancelled> cancelsOf(String studyId) {
        return cancels.stream().filter(c -> c.studyId().equals(studyId)).toList();
    }

    public void started(TrialProposed p) {
        send(TopicNames.PROGRESS, new TrialStarted(1, p.studyId(), p.trialId(), p.attempt(), "fake-trainer", Instant.now()));
    }

    public void progress(TrialProposed p, int epoch, Double intermediate) {
        send(TopicNames.PROGRESS, new TrialProgress(1, p.studyId(), p.trialId(), p.attempt(), "fake-trainer", epoch,
                p.innerLoop().epochs(), 0.5, intermediate, 100.0, Instant.now()));
    }

    public void scored(TrialProposed p, List<Double> objectives, Map<String, Double> metrics) {
        scored(p, p.attempt(), objectives, metrics);
    }

    public void scored(TrialProposed p, int attempt, List<Double> objectives, Map<String, Double> metrics) {
        send(TopicNames.SCORED, new TrialScored(1, p.studyId(), p.trialId(), attempt,
                p.phase() == null ? TrialPhase.SEARCH : p.phase(), p.evalSplit(), objectives, metrics, Instant.now()));
    }

    public void failed(TrialProposed p, boolean retryable, String reason) {
        send(TopicNames.PROGRESS, new TrialFailed(1, p.studyId(), p.trialId(), p.attempt(), TrialFailed.STAGE_TRAINING,
                reason, retryable, Instant.now()));
    }

    public void raw(String topic, String key, String value) {
        client.send(topic, key, value);
    }

    private void send(String topic, TrialEvent e) {
        client.send(topic, e);
    }

    @Override
    public void close() {
        running = false;
        trainers.shutdownNow();
        consumer.wakeup();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
