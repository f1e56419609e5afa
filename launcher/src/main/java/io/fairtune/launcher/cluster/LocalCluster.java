package io.fairtune.launcher.cluster;

import io.fairtune.infra.EmbeddedKafkaBroker;
import io.fairtune.infra.EmbeddedPostgresServer;
import io.fairtune.infra.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole system on one machine: a real KRaft broker and PostgreSQL in this JVM (or external ones), the
 * optimizer, the evaluator and N trainers as separate processes. Tests use it to kill and restart services.
 */
public final class LocalCluster implements AutoCloseable {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    static final String INTRA_OP_THREADS = "ai.djl.pytorch.num_threads";
    static final String INTER_OP_THREADS = "ai.djl.pytorch.num_interop_threads";

    private final ClusterConfig config;
    /** The optimizer's operator API key for this run; random unless FAIRTUNE_API_KEY is set. */
    private final String apiKey = System.getenv().getOrDefault("FAIRTUNE_API_KEY",
            java.util.UUID.randomUUID().toString());
    /** The read-only key for this run (the dashboard's sign-in); random unless FAIRTUNE_VIEWER_API_KEY is set. */
    private final String viewerApiKey = System.getenv().getOrDefault("FAIRTUNE_VIEWER_API_KEY",
            java.util.UUID.randomUUID().toString());
    private EmbeddedKafkaBroker kafka;
    private EmbeddedPostgresServer postgres;
    private String bootstrap;
    private ServiceProcess optimizer;
    private ServiceProcess evaluator;
    private final List<ServiceProcess> trainers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Where supervisors say that a service exited and came back. */
    private final Consumer<String> console;

    public LocalCluster(ClusterConfig config) {
        this(config, line -> System.out.println("[cluster] " + line));
    }

    public LocalCluster(ClusterConfig config, Consumer<String> console) {
        this.config = config;
        this.console = console;
    }

    public LocalCluster start() {
        if (config.kafkaBootstrap() == null) {
            kafka = EmbeddedKafkaBroker.start(config.workDir().resolve("kafka"), 0, config.partitions(), false);
            bootstrap = kafka.bootstrapServers();
        } else {
            bootstrap = config.kafkaBootstrap();
        }
        Topics.create(bootstrap, Topics.all(config.partitions()));
        if (config.jdbcUrl() == null) {
            postgres = EmbeddedPostgresServer.start(config.workDir().resolve("postgres"), 0);
        }
        Map<String, String> optimizerProps = database("optimizer");
        optimizerProps.put("fairtune.security.operator-api-key", apiKey);
        optimizerProps.put("fairtune.security.viewer-api-key", viewerApiKey);
        optimizer = service("optimizer-service", "optimizer", config.httpPortBase(), optimizerProps);
        evaluator = service("evaluator-service", "evaluator", config.httpPortBase() + 1, database("evaluator"));
        for (int i = 0; i < config.trainers(); i++) {
            trainers.add(trainer(i));
        }
        List<ServiceProcess> all = new ArrayList<>(List.of(optimizer, evaluator));
        all.addAll(trainers);
        all.forEach(ServiceProcess::start);
        all.forEach(s -> s.awaitReady(READY_TIMEOUT));
        all.forEach(s -> s.supervise(console));
        return this;
    }

    private ServiceProcess trainer(int i) {
        return trainer(i, Map.of());
    }

    private ServiceProcess trainer(int i, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put("fairtune.trainer.id", "trainer-" + i);
        // DJL must not reach for the network and keeps its native library next to the run
        props.put("ai.djl.offline", "true");
        props.put("DJL_CACHE_DIR", config.repoRoot().resolve(".djl-cache").toString());
        // Trainers on one machine share its cores: each PyTorch defaulting to all of them oversubscribes the CPU
        // and makes two trainers slower than one. A trainerProperties entry overrides the split.
        props.put(INTRA_OP_THREADS, String.valueOf(threadsPerTrainer(Runtime.getRuntime().availableProcessors(),
                config.trainers())));
        props.put(INTER_OP_THREADS, "1");
        // one checkpoint volume for all trainers of this cluster: a trial handed back or re-run continues there
        props.put("fairtune.trainer.checkpoint-dir", config.workDir().resolve("checkpoints").toString());
        props.putAll(config.trainerProperties());
        props.putAll(extra);
        return service("trainer-service", "trainer-" + i, config.httpPortBase() + 2 + i, props);
    }

    /**
     * PyTorch intra-op threads for each of {@code trainers} trainer processes on {@code cores} cores: the cores
     * split between the trainers, less one left to the broker, PostgreSQL, the optimizer and the evaluator that
     * run on the same machine, and never below one. Measured with trainer-service's {@code TorchSpeedBench}
     * (tiny ViT, 2026-11-27, 2 cores with other work running): with OpenMP's default wait policy (idle threads
     * spin) two intra-op threads trained 8x slower than one (19 vs 152 images/s; PyTorch eager 20 vs 80), because
     * every operator waits for a thread whose core is taken. With {@code OMP_WAIT_POLICY=PASSIVE} in a trainer's
     * environment two threads were 1.65x faster than one (300 vs 182): only then is the last core worth a thread.
     */
    static int threadsPerTrainer(int cores, int trainers) {
        return Math.max(1, (cores - 1) / Math.max(1, trainers));
    }

    /**
     * Starts one more trainer with {@code extra} on top of the trainers' settings and waits until it is ready. It
     * is not supervised: a trainer the caller kills stays gone, as a pod on a vanished node does. {@link #close()}
     * stops it with the others.
     */
    public ServiceProcess addTrainer(Map<String, String> extra) {
        ServiceProcess added = trainer(trainers.size(), extra);
        trainers.add(added);
        added.start();
        added.awaitReady(READY_TIMEOUT);
        return added;
    }

    /** JDBC URL, user and password of a service's database ({@code quarkus.datasource.*} keys). */
    public Map<String, String> databaseOf(String service) {
        return Map.copyOf(database(service));
    }

    private Map<String, String> database(String name) {
        Map<String, String> props = new HashMap<>();
        if (postgres != null) {
            props.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(name));
            props.put("quarkus.datasource.username", postgres.username());
            props.put("quarkus.datasource.password", postgres.password());
        } else {
            props.put("quarkus.datasource.jdbc.url", config.jdbcUrl() + name);
            props.put("quarkus.datasource.username", config.dbUser());
            props.put("quarkus.datasource.password", config.dbPassword());
        }
        return props;
    }

    private ServiceProcess service(String module, String name, int port, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("fairtune.data.root", config.dataRoot().toString());
        props.put("fairtune.images.root", config.imagesRoot().toString());
        props.put("fairtune.models.root", config.modelsRoot().toString());
        props.putAll(config.properties());
        List<String> jvm = List.of("-Xmx2g", "-XX:+UseSerialGC");
        return new ServiceProcess(name, config.jar(module), port, props, config.workDir().resolve("logs/" + name + ".log"), jvm);
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** What a client sends as X-API-Key to the optimizer of this cluster. */
    public String apiKey() {
        return apiKey;
    }

    /** What a reader (the dashboard, a viewer client) sends as X-API-Key: reads only. */
    public String viewerApiKey() {
        return viewerApiKey;
    }

    /** The study dashboard the optimizer serves. */
    public String dashboardUrl() {
        return optimizer.baseUrl() + "/ui/";
    }

    public ServiceProcess optimizer() {
        return optimizer;
    }

    public ServiceProcess evaluator() {
        return evaluator;
    }

    public List<ServiceProcess> trainers() {
        return List.copyOf(trainers);
    }

    /** Stops the embedded PostgreSQL, keeping its data, as a database outage would; the services stay up. */
    public void stopDatabase() {
        embeddedPostgres().stop();
    }

    /** Starts the embedded PostgreSQL again on the same data directory and port. */
    public void startDatabase() {
        embeddedPostgres().startAgain();
    }

    /** Stops the embedded broker, keeping its log directory, as a broker outage would; the services stay up. */
    public void stopBroker() {
        embeddedKafka().stop();
    }

    /** Starts the embedded broker again on the same log directory and ports. */
    public void startBroker() {
        embeddedKafka().startAgain();
    }

    private EmbeddedPostgresServer embeddedPostgres() {
        if (postgres == null) {
            throw new IllegalStateException("the database is external (--jdbc-url): stop and start it where it runs");
        }
        return postgres;
    }

    private EmbeddedKafkaBroker embeddedKafka() {
        if (kafka == null) {
            throw new IllegalStateException("the broker is external (--kafka): stop and start it where it runs");
        }
        return kafka;
    }

    /**
     * Kills a service (as a crash would) and waits until its supervisor has started it again and it is ready.
     */
    public void restart(ServiceProcess service) {
        int before = service.generation();
        service.kill();
        if (service.supervised()) {
            service.awaitRestart(before, READY_TIMEOUT);
        } else {
            service.start();
            service.awaitReady(READY_TIMEOUT);
        }
    }

    @Override
    public void close() {
        List<ServiceProcess> all = new ArrayList<>(trainers);
        if (evaluator != null) {
            all.add(evaluator);
        }
        if (optimizer != null) {
            all.add(optimizer);
        }
        // services first, so that none of them logs a lost database or broker while stopping
        all.parallelStream().forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
