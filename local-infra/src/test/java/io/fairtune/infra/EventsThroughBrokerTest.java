package io.fairtune.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.SampleEvents;
import io.fairtune.model.events.TrialEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every event type goes through a real KRaft broker and comes back equal. */
class EventsThroughBrokerTest {

    @Test
    void everyEventTypeSurvivesTheRealBroker() {
        String topic = "codec-check-" + UUID.randomUUID();
        Topics.create(Infrastructure.kafka().bootstrapServers(), Map.of(topic, 3));
        List<TrialEvent> sent = SampleEvents.all();
        List<TrialEvent> received = new ArrayList<>();
        try (TopicClient client = TopicClient.onTestBroker()) {
            for (TrialEvent e : sent) {
                client.send(topic, e);
            }
            for (ConsumerRecord<String, String> r : client.read(List.of(topic), r -> true,
                    found -> found.size() >= sent.size(), Duration.ofSeconds(30))) {
                TrialEvent e = EventCodec.decode(r.value());
                assertEquals(e.key(), r.key());
                received.add(e);
            }
        }
        // one key = one partition, so the order of one trial's events is preserved
        assertEquals(sent, received);
    }
}
