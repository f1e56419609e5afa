package io.fairtune.launcher.bench;

import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialCancelled;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialFailed;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.events.TrialProgress;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.events.TrialScored;
import io.fairtune.model.events.TrialStarted;
import io.fairtune.model.messaging.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every trial topic from its end (a plain consumer without a group: it commits nothing and changes no
 * assignment) and asks the broker for the trainers' group assignment every second, into a {@link Timeline}.
 */
public final class TimelineRecorder implements AutoCloseable {

    private static final List<String> TOPICS = List.of(TopicNames.PROPOSED, TopicNames.PROGRESS,
            TopicNames.PREDICTED, TopicNames.SCORED, TopicNames.CONTROL);

    private final Timeline timeline = new Timeline();
    private final String bootstrap;
    private final int partitions;
    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();

    public TimelineRecorder(String bootstrap, int partitions) {
        this.bootstrap = bootstrap;
        this.partitions = partitions;
    }

    public Timeline timeline() {
        return timeline;
    }

    public TimelineRecorder start() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> all = new ArrayList<>();
        TOPICS.forEach(t -> consumer.partitionsFor(t).forEach(i -> all.add(new TopicPartition(t, i.partition()))));
        consumer.assign(all);
        consumer.seekToEnd(all);
        all.forEach(consumer::position); // resolve the end now, so nothing sent from here on is missed
        daemon("bench-recorder", () -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(200)).forEach(this::record);
                }
            }
        });
        daemon("bench-group", this::watchGroup);
        return this;
    }

    private void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    private void record(ConsumerRecord<String, String> r) {
        TrialEvent e;
        try {
            e = EventCodec.decode(r.value());
        } catch (RuntimeException notAnEvent) {
            return;
        }
        Timeline.Kind kind = kindOf(e);
        if (e instanceof TrialStarted started && started.resumed() != null) {
            timeline.resumed(new Timeline.Resumption(e.studyId(), e.trialId() + "#" + e.attempt(), r.timestamp(),
                    started.resumed().trainerSeconds()));
        }
        if (kind != null) {
            timeline.add(new Timeline.Mark(kind, e.studyId(), e.trialId(), e.attempt(),
                    kind == Timeline.Kind.PROPOSED ? r.partition() : -1, r.timestamp()));
        }
    }

    static Timeline.Kind kindOf(TrialEvent e) {
        if (e instanceof TrialProposed) {
            return Timeline.Kind.PROPOSED;
        } else if (e instanceof TrialStarted) {
            return Timeline.Kind.STARTED;
        } else if (e instanceof TrialProgress progress) {
            return progress.epoch() == 0 ? Timeline.Kind.HEARTBEAT : Timeline.Kind.EPOCH;
        } else if (e instanceof TrialPredicted) {
            return Timeline.Kind.PREDICTED;
        } else if (e instanceof TrialScored) {
            return Timeline.Kind.SCORED;
        } else if (e instanceof TrialFailed) {
            return Timeline.Kind.FAILED;
        } else if (e instanceof TrialCancelled) {
            return Timeline.Kind.CANCELLED;
        }
        return null;
    }

    private void watchGroup() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (running) {
                long now = System.currentTimeMillis();
                try {
                    ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(TopicNames.TRAINER_GROUP))
                            .describedGroups().get(TopicNames.TRAINER_GROUP).get(2, TimeUnit.SECONDS);
                    String[] owners = new String[partitions];
                    for (MemberDescription m : group.members()) {
                        m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(TopicNames.PROPOSED))
                                .forEach(tp -> owners[tp.partition()] = m.consumerId());
                    }
                    timeline.assigned(new Timeline.Assignment(now, owners));
                    timeline.lag(new Timeline.LagSample(now, totalLag(admin)));
                } catch (Exception e) {
                    // the group may not exist yet; the next second asks again
                }
                sleep(1000);
            }
        }
    }

    /** KEDA's Kafka scaler's total lag of the trainers' group on the proposals topic. */
    private long totalLag(Admin admin) throws Exception {
        Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = admin
                .listConsumerGroupOffsets(TopicNames.TRAINER_GROUP).partitionsToOffsetAndMetadata()
                .get(2, TimeUnit.SECONDS);
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
        for (int i = 0; i < partitions; i++) {
            latest.put(new TopicPartition(TopicNames.PROPOSED, i), org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS).entrySet()) {
            var done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(t -> {
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
