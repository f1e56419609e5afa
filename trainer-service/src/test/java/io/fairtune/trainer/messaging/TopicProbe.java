package io.fairtune.trainer.messaging;

import io.fairtune.infra.Infrastructure;
import io.fairtune.infra.Topics;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A plain Kafka client on the test broker: sends raw records and collects what the trainer publishes. */
final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    TopicProbe(List<String> topics) {
        String servers = Infrastructure.kafka().bootstrapServers();
        Topics.create(servers, Topics.all(2));
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(topics);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    void send(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    void send(String topic, TrialEvent event) throws Exception {
        send(topic, event.key(), EventCodec.encode(event));
    }

    /** Polls until a record matches or the timeout passes; everything polled is kept in {@link #seen}. */
    ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ConsumerRecord<String, String> r : seen) {
            if (match.test(r)) {
                return r;
            }
        }
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(r);
                if (match.test(r)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no matching record within " + timeout + "; saw " + seen.size() + " records");
    }

    List<TrialEvent> eventsOf(String trialId) {
        List<TrialEvent> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : seen) {
            if (trialId.equals(r.key()) && !r.topic().equals(Topics.DLQ)) {
                out.add(EventCodec.decode(r.value()));
            }
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close();
        producer.close();
    }
}
