package io.fairtune.launcher.cli;

import io.fairtune.launcher.bench.ScaleBench;
import io.fairtune.launcher.bench.TimelineRecorder;
import io.fairtune.launcher.cluster.ClusterConfig;
import io.fairtune.launcher.cluster.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks that run the real services on this machine and print numbers. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks of the running system.",
        subcommands = {BenchCommand.Scale.class})
public final class BenchCommand {

    /** "90s", "500ms", "5m" or ISO-8601 ("PT90S"). */
    static final class Seconds implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            } else if (v.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
            }
            return Duration.parse(value);
        }
    }

    @Command(name = "scale", mixinStandardHelpOptions = true,
            description = "The control plane (optimizer, evaluator, broker, database) under N load-generating trainers.")
    static final class Scale implements Callable<Integer> {

        @Option(names = "--trainers", split = ",", description = "trainer counts, one row each (default: ${DEFAULT-VALUE})")
        List<Integer> trainers = List.of(1, 8, 32, 64);

        @Option(names = "--mean-trial", converter = Seconds.class, description = "mean simulated trial length, e.g. 60s (default: ${DEFAULT-VALUE})")
        Duration meanTrial = Duration.ofSeconds(60);

        @Option(names = "--spread", description = "standard deviation of the log of a trial's length (default: ${DEFAULT-VALUE})")
        double spread = 0.25;

        @Option(names = "--warmup", converter = Seconds.class, description = "before the window (default: one mean trial)")
        Duration warmup;

        @Option(names = "--window", converter = Seconds.class, description = "measured window per row (default: three mean trials)")
        Duration window;

        @Option(names = "--spec", description = "study file (default: <repo>/studies/scale-bench.yaml)")
        Path spec;

        @Option(names = "--repo", description = "the FairTune checkout (default: current directory)")
        Path repo = Path.of("").toAbsolutePath();

        @Option(names = "--work-dir", description = "where logs, broker and database files go (default: runs/<time>)")
        Path workDir;

        @Option(names = "--port-base", description = "optimizer HTTP port; evaluator +1, trainers +2.. (default: ${DEFAULT-VALUE})")
        int portBase = 8280;

        @Override
        public Integer call() throws Exception {
            int most = trainers.stream().mapToInt(Integer::intValue).max().orElse(1);
            ClusterOptions options = new ClusterOptions();
            options.repo = repo;
            options.workDir = workDir;
            options.trainers = 1;
            options.partitions = Math.max(most, 4);
            options.portBase = portBase;
            ClusterConfig base = options.toConfig();
            // no trainer at start: the bench adds one load-generating JVM per row
            ClusterConfig config = new ClusterConfig(base.repoRoot(), base.workDir(), base.dataRoot(), base.imagesRoot(),
                    base.modelsRoot(), 0, base.partitions(), base.httpPortBase(), null, null, base.dbUser(),
                    base.dbPassword(), Map.of(), Map.of());
            String specJson = SpecFiles.toJson(spec != null ? spec : config.repoRoot().resolve("studies/scale-bench.yaml"));
            System.out.println("Starting Kafka (KRaft), PostgreSQL, optimizer and evaluator; logs in "
                    + config.workDir().resolve("logs"));
            try (LocalCluster cluster = new LocalCluster(config).start();
                 TimelineRecorder recorder = new TimelineRecorder(cluster.bootstrapServers(), config.partitions()).start()) {
                new ScaleBench(cluster, recorder.timeline(), System.out).run(new ScaleBench.Plan(trainers, meanTrial,
                        spread, warmup != null ? warmup : meanTrial, window != null ? window : meanTrial.multipliedBy(3),
                        specJson));
            }
            return 0;
        }
    }
}
