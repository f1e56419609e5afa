package io.fairtune.model.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * Kafka's deprecated copies of per-topic metrics (each '.' of the name an '_') are dropped, and nothing else.
 */
class KafkaClientMetersTest {

    private static final String LAG = "kafka.consumer.fetch.manager.records.lag.max";

    @Test
    void dropsOnlyTheDeprecatedCopiesOfTheChannelsTopics() {
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "mp.messaging.incoming.trials-proposed-in.topic", "fairtune.trials.proposed",
                "mp.messaging.outgoing.trials-dlq-out.topic", "fairtune.trials.dlq",
                "some.other.setting", "not.a.topic"), "test", 100)).build();
        MeterFilter filter = KafkaClientMeters.withoutDeprecatedTopicNames(config);
        assertEquals(MeterFilterReply.DENY, filter.accept(id(LAG, "fairtune_trials_proposed")));
        assertEquals(MeterFilterReply.DENY,
                filter.accept(id("kafka.producer.topic.record.send.total", "fairtune_trials_dlq")));
        assertEquals(MeterFilterReply.NEUTRAL, filter.accept(id(LAG, "fairtune.trials.proposed")), "the real name stays");
        assertEquals(MeterFilterReply.NEUTRAL, filter.accept(id(LAG, "not_a_topic")), "not a channel's topic");
        assertEquals(MeterFilterReply.NEUTRAL, filter.accept(id("fairtune.dead.letters", "fairtune_trials_proposed")),
                "only Kafka's own meters");
        assertEquals(MeterFilterReply.NEUTRAL, filter.accept(
                new Meter.Id(LAG, Tags.of("client.id", "c"), null, null, Meter.Type.GAUGE)), "no topic tag");
    }

    private static Meter.Id id(String name, String topic) {
        return new Meter.Id(name, Tags.of("topic", topic), null, null, Meter.Type.GAUGE);
    }
}
