package io.fairtune.model.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fairtune.infra.Infrastructure;
import io.fairtune.infra.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Every event type goes through a real KRaft broker and comes back equal. */
class EventsThroughBrokerTest {

    @Test
    void everyEventTypeSurvivesTheRealBroker() throws Exception {
        String bootstrap = Infrastructure.kafka().bootstrapServers();
        String topic = "codec-check-" + UUID.randomUUID();
        Topics.create(bootstrap, Map.of(topic, 3));
        List<TrialEvent> sent = SampleEvents.all();

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (TrialEvent e : sent) {
                producer.send(new ProducerRecord<>(topic, e.key(), EventCodec.encode(e))).get();
            }
        }

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "codec-check");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<TrialEvent> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    TrialEvent e = EventCodec.decode(r.value());
                    assertEquals(e.key(), r.key());
                    received.add(e);
                }
            }
        }
        // one key = one partition, so the order of one trial's events is preserved
        assertEquals(sent, received);
    }
}
