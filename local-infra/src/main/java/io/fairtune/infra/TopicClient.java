package io.fairtune.infra;

import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A plain Kafka client for tests, outside any service: sends raw records or events the way a trainer or a
 * hostile producer would, and reads topics from the beginning (no consumer group offsets) until what a test waits
 * for has arrived.
 */
public final class TopicClient implements AutoCloseable {

    /** Predictions of a large split are a few MB; a dead letter keeps them whole. */
    private static final int MAX_RECORD_BYTES = 5 * 1024 * 1024;

    private final String bootstrapServers;
    private KafkaProducer<String, String> producer;

    public TopicClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** On the JVM's shared test broker. */
    public static TopicClient onTestBroker() {
        return new TopicClient(Infrastructure.kafka().bootstrapServers());
    }

    public void send(String topic, String key, String value) {
        sendAll(List.of(new ProducerRecord<>(topic, key, value)));
    }

    public void send(String topic, TrialEvent event) {
        send(topic, event.key(), EventCodec.encode(event));
    }

    /** Each record acknowledged by the broker before the next is sent. */
    public synchronized void sendAll(List<ProducerRecord<String, String>> records) {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
        try {
            for (ProducerRecord<String, String> r : records) {
                producer.send(r).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused a record: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Reads the topics from the beginning, keeping the records {@code keep} accepts, until {@code done} holds for
     * them or the timeout passes.
     */
    public List<ConsumerRecord<String, String>> read(List<String> topics, Predicate<ConsumerRecord<String, String>> keep,
                                                     Predicate<List<ConsumerRecord<String, String>>> done,
                                                     Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "topic-client-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_RECORD_BYTES);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(found) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (keep.test(r)) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    /** Up to {@code count} records with {@code key}, in the order read. */
    public List<ConsumerRecord<String, String>> await(String topic, String key, int count, Duration timeout) {
        return read(List.of(topic), r -> key.equals(r.key()), found -> found.size() >= count, timeout);
    }

    /** The first record with {@code key}, or an AssertionError after 30 s. */
    public ConsumerRecord<String, String> awaitOne(String topic, String key) {
        List<ConsumerRecord<String, String>> found = await(topic, key, 1, Duration.ofSeconds(30));
        if (found.isEmpty()) {
            throw new AssertionError("no record with key " + key + " on " + topic + " within 30 s");
        }
        return found.get(0);
    }

    /** The last record of each key found, by key. */
    public Map<String, ConsumerRecord<String, String>> awaitKeys(String topic, Set<String> keys, Duration timeout) {
        Map<String, ConsumerRecord<String, String>> byKey = new LinkedHashMap<>();
        read(List.of(topic), r -> keys.contains(r.key()), found -> {
            found.forEach(r -> byKey.put(r.key(), r));
            return byKey.size() >= keys.size();
        }, timeout);
        return byKey;
    }

    /** A header's text, or null. */
    public static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
