package io.fairtune.trainer.messaging;

import io.fairtune.infra.Infrastructure;
import io.fairtune.infra.TopicClient;
import io.fairtune.infra.Topics;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.messaging.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The test broker seen from outside the trainer: sends raw records and collects what the trainer publishes. */
final class TopicProbe implements AutoCloseable {

    private final TopicClient client = TopicClient.onTestBroker();
    private final List<String> topics;
    final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    TopicProbe(List<String> topics) {
        Topics.create(Infrastructure.kafka().bootstrapServers(), Topics.all(2));
        this.topics = topics;
    }

    void send(String topic, String key, String value) {
        client.send(topic, key, value);
    }

    void send(String topic, TrialEvent event) {
        client.send(topic, event);
    }

    /** Reads the topics until a record matches or the timeout passes; everything read is kept in {@link #seen}. */
    ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        List<ConsumerRecord<String, String>> read = client.read(topics, r -> true,
                found -> found.stream().anyMatch(match), timeout);
        seen.clear();
        seen.addAll(read);
        return read.stream().filter(match).findFirst().orElseThrow(() -> new AssertionError(
                "no matching record within " + timeout + "; saw " + read.size() + " records"));
    }

    List<TrialEvent> eventsOf(String trialId) {
        List<TrialEvent> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : seen) {
            if (trialId.equals(r.key()) && !r.topic().equals(TopicNames.DLQ)) {
                out.add(EventCodec.decode(r.value()));
            }
        }
        return out;
    }

    @Override
    public void close() {
        client.close();
    }
}
