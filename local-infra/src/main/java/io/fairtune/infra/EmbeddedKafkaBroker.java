package io.fairtune.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker + controller, one node) running in this JVM,
 * on loopback. No Docker, no ZooKeeper: the same server code a production cluster runs. It can be stopped and
 * started again on the same log directory and ports, as an outage of a real broker would be.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker {

    private final Properties config;
    private final Path logDir;
    private final boolean deleteOnClose;
    private final String bootstrapServers;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Properties config, Path logDir, boolean deleteOnClose, String bootstrap) {
        this.config = config;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
        this.bootstrapServers = bootstrap;
    }

    /** A broker on a random port with a throw-away log directory. */
    public static EmbeddedKafkaBroker startEphemeral(int defaultPartitions) {
        try {
            return start(Files.createTempDirectory("fairtune-kafka"), 0, defaultPartitions, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param port              0 for a random free port
     * @param defaultPartitions partitions of auto-created topics; trainers can scale up to this many
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port, int defaultPartitions, boolean deleteOnClose) {
        int brokerPort = port == 0 ? FreePorts.next() : port;
        int controllerPort = FreePorts.next();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", Integer.toString(defaultPartitions));
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", "1");
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir, props);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(props, logDir, deleteOnClose, "127.0.0.1:" + brokerPort);
        broker.startAgain();
        return broker;
    }

    /** Stops the broker, keeping its log directory: clients lose it until {@link #startAgain()}. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts a stopped broker on the same log directory and ports: topics, offsets and groups are as they were. */
    public synchronized void startAgain() {
        if (server == null) {
            KafkaRaftServer restarted = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
            restarted.startup();
            server = restarted;
        }
    }

    private static void format(Path logDir, Properties props) throws IOException {
        Path config = Files.createTempFile("fairtune-kraft", ".properties");
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "fairtune embedded broker");
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString(), "--ignore-formatted"}, print);
        } catch (RuntimeException e) {
            throw new IllegalStateException("formatting KRaft storage failed: " + captured.toString(StandardCharsets.UTF_8), e);
        } finally {
            Files.deleteIfExists(config);
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates topics (idempotently) with the given partition counts. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        Topics.create(bootstrapServers, partitionsByTopic);
    }

    @Override
    public void close() {
        stop();
        if (deleteOnClose) {
            try (Stream<Path> files = Files.walk(logDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory we failed to clean is not worth failing a shutdown for
            }
        }
    }
}
