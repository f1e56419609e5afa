package io.fairtune.model.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Binds each Kafka consumer and producer the messaging connector creates (it fires them as CDI events) to the
 * meter registry, in place of Quarkus' own binder ({@code quarkus.micrometer.binder.kafka.enabled=false}).
 * Quarkus' binder looks for new Kafka metrics once a minute (Micrometer's default refresh), and a consumer's
 * per-partition metrics, {@code records-lag-max{topic,partition}} among them, only exist once partitions are
 * assigned, after the first look: the dashboard's "Consumer lag per topic" panel was empty for the first minute of
 * every consumer, i.e. of every pod and of a study started right after (found by the launcher's
 * DashboardQueriesTest against a real Prometheus). Looking every 5 s costs a walk over the client's metric map.
 * Kafka also registers each per-partition metric of a topic whose name holds a '.' a second time, deprecated, under
 * the name with '_' for '.'; the panel drew every FairTune topic twice (fairtune.trials.proposed and
 * fairtune_trials_proposed), so those copies are dropped ({@link #withoutDeprecatedTopicNames}).
 * A CDI bean of shared-model's bean archive (META-INF/beans.xml): the optimizer, the evaluator and the trainer
 * each get it by depending on shared-model; plain-Java users (the launcher) never load it.
 */
@ApplicationScoped
public class KafkaClientMeters {

    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Pattern CHANNEL_TOPIC =
            Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.topic");

    @Inject
    MeterRegistry registry;

    private final Map<Object, KafkaClientMetrics> bound = new IdentityHashMap<>();
    private ScheduledExecutorService scheduler;

    synchronized void consumerCreated(@Observes Consumer<?, ?> consumer) {
        bind(consumer, new KafkaClientMetrics(consumer, Tags.empty(), scheduler(), REFRESH));
    }

    synchronized void producerCreated(@Observes Producer<?, ?> producer) {
        bind(producer, new KafkaClientMetrics(producer, Tags.empty(), scheduler(), REFRESH));
    }

    /** Quarkus applies MeterFilter beans to the registry before any meter is registered. */
    @Produces
    @Singleton
    MeterFilter deprecatedTopicNames() {
        return withoutDeprecatedTopicNames(ConfigProvider.getConfig());
    }

    /**
     * Denies Kafka meters tagged with the deprecated name of a topic this service's channels use (each '.' an '_').
     * Only names derived from the configured topics are denied, so a topic really named with '_' still shows.
     */
    static MeterFilter withoutDeprecatedTopicNames(Config config) {
        Set<String> deprecated = new HashSet<>();
        for (String property : config.getPropertyNames()) {
            if (CHANNEL_TOPIC.matcher(property).matches()) {
                config.getOptionalValue(property, String.class).filter(t -> t.contains("."))
                        .ifPresent(t -> deprecated.add(t.replace('.', '_')));
            }
        }
        return MeterFilter.deny(id -> id.getName().startsWith("kafka.") && deprecated.contains(id.getTag("topic")));
    }

    private void bind(Object client, KafkaClientMetrics metrics) {
        KafkaClientMetrics previous = bound.put(client, metrics);
        if (previous != null) {
            previous.close();
        }
        metrics.bindTo(registry);
    }

    private ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kafka-client-meters");
                t.setDaemon(true);
                return t;
            });
        }
        return scheduler;
    }

    @PreDestroy
    synchronized void onStop() {
        bound.values().forEach(KafkaClientMetrics::close);
        bound.clear();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
