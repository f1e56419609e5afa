package io.fairtune.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.launcher.bench.BenchOutputs;
import io.fairtune.launcher.bench.BenchSettings;
import io.fairtune.launcher.bench.BenchSpecs;
import io.fairtune.launcher.bench.ReplicateResult;
import io.fairtune.launcher.bench.SubsetManifest;
import io.fairtune.launcher.bench.TrialCount;
import io.fairtune.launcher.client.OptimizerClient;
import io.fairtune.launcher.cluster.ClusterConfig;
import io.fairtune.launcher.cluster.LocalCluster;
import io.fairtune.model.events.EventCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The replicated benchmark: per attribute and replicate, a TPE search and a random search with the same seed and
 * budget, each with its final phase on test; writes paired differences (CSV, PNG), the cost per arm and a README.
 */
@Command(name = "replicate", mixinStandardHelpOptions = true,
        description = "Replicated FairTune benchmark: searched mask vs random search, full fine-tuning and linear "
                + "readout, paired on final seeds, over several independent searches.")
public final class ReplicateCommand implements Callable<Integer> {

    /** What the issue asks of a benchmark that means something; below it the output is labelled a smoke run. */
    static final BenchSettings MINIMUM = new BenchSettings(3, 40, 10, List.of("sex", "age_binary"), 3, 1000, 2, 0, 3,
            3, 5, 1);

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Option(names = "--spec", description = "template study (default: <repo>/studies/demo.yaml)")
    Path spec;

    @Option(names = "--replicates", description = "independent searches per attribute (default: ${DEFAULT-VALUE})")
    int replicates = 3;

    @Option(names = "--budget", description = "search trials per study (default: ${DEFAULT-VALUE})")
    int budget = 40;

    @Option(names = "--startup-trials", description = "random trials before TPE (default: ${DEFAULT-VALUE})")
    int startupTrials = 10;

    @Option(names = "--attributes", split = ",", description = "sensitive attributes (default: sex,age_binary)")
    List<String> attributes = List.of("sex", "age_binary");

    @Option(names = "--final-seeds", description = "final-phase seeds per arm (default: ${DEFAULT-VALUE})")
    int finalSeeds = 3;

    @Option(names = "--seed", description = "study seed of replicate 0; replicate r uses seed + r (default: ${DEFAULT-VALUE})")
    long seed = 1000;

    @Option(names = "--epochs", description = "epochs per trial (default: the template's)")
    Integer epochs;

    @Option(names = "--max-train", description = "use a seeded subset of this many training images (default: all)")
    int maxTrain = 0;

    @Option(names = "--reevaluate-top-k", description = "search masks re-evaluated before the final phase, 0 for none "
            + "(default: ${DEFAULT-VALUE})")
    int reevaluateTopK = 3;

    @Option(names = "--reevaluate-seeds", description = "fresh seeds per re-evaluated mask (default: ${DEFAULT-VALUE})")
    int reevaluateSeeds = 3;

    @Option(names = "--pruner-warmup", description = "completed trials before successive halving prunes "
            + "(default: ${DEFAULT-VALUE})")
    int prunerWarmup = 5;

    @Option(names = "--parallelism", description = "trials in flight per study (default: ${DEFAULT-VALUE})")
    int parallelism = 1;

    @Option(names = "--out", description = "output folder (default: <repo>/docs/benchmarks/replicated)")
    Path out;

    @Option(names = "--smoke", description = "label the output a smoke run (not results); implied below the minimum "
            + "of 3 replicates, budget 40 and 3 final seeds")
    boolean smoke;

    @Option(names = "--timeout-hours", description = "give up on one study after this long (default: ${DEFAULT-VALUE})")
    int timeoutHours = 24;

    @Override
    public Integer call() throws Exception {
        ClusterConfig config = cluster.toConfig();
        Path specFile = spec != null ? spec : config.repoRoot().resolve("studies/demo.yaml");
        JsonNode template = EventCodec.mapper().readTree(SpecFiles.toJson(specFile));
        int templateEpochs = template.path("innerLoop").path("epochs").asInt(2);
        BenchSettings settings = new BenchSettings(replicates, budget, startupTrials, attributes, finalSeeds, seed,
                epochs != null ? epochs : templateEpochs, maxTrain, reevaluateTopK, reevaluateSeeds, prunerWarmup,
                parallelism);
        boolean belowMinimum = replicates < MINIMUM.replicates() || budget < MINIMUM.budget()
                || finalSeeds < MINIMUM.finalSeeds();
        String label = smoke || belowMinimum
                ? "SMOKE RUN - not results: a tiny configuration that checks the benchmark runs end to end"
                : "Replicated FairTune benchmark";
        Path outDir = out != null ? out : config.repoRoot().resolve("docs/benchmarks/replicated");
        Path manifest = config.dataRoot().resolve(template.path("dataset").asText());
        int fullTrain = SubsetManifest.trainRows(manifest);
        int trainImages = fullTrain;
        if (maxTrain > 0) {
            Path dataRoot = config.workDir().resolve("data");
            trainImages = SubsetManifest.write(manifest, dataRoot.resolve(template.path("dataset").asText()), maxTrain,
                    seed);
            config = new ClusterConfig(config.repoRoot(), config.workDir(), dataRoot, config.imagesRoot(),
                    config.modelsRoot(), config.trainers(), config.partitions(), config.httpPortBase(),
                    config.kafkaBootstrap(), config.jdbcUrl(), config.dbUser(), config.dbPassword(), config.properties(),
                    config.trainerProperties());
        }
        System.out.printf(Locale.ROOT, "%s%n%d trials in all (%d per replicate); %d training images; output %s%n", label,
                TrialCount.total(settings), TrialCount.perReplicate(settings), trainImages, outDir);
        long started = System.nanoTime();
        try (LocalCluster running = new LocalCluster(config)) {
            running.start();
            OptimizerClient client = new OptimizerClient(running.optimizer().baseUrl(), running.apiKey());
            List<ReplicateResult> results = new ArrayList<>();
            for (String attribute : settings.attributes()) {
                for (int r = 0; r < settings.replicates(); r++) {
                    List<JsonNode> searched = runStudy(client, BenchSpecs.spec(template, settings, attribute, r,
                            BenchSpecs.SEARCHED));
                    List<JsonNode> random = runStudy(client, BenchSpecs.spec(template, settings, attribute, r,
                            BenchSpecs.RANDOM));
                    results.add(ReplicateResult.of(attribute, r, settings.studySeed(r), searched, random));
                    // written after every replicate, so a long run that stops keeps what it measured
                    BenchOutputs.write(outDir, label, settings, results, notes(settings, results, trainImages, fullTrain,
                            templateEpochs, (System.nanoTime() - started) / 1e9));
                }
            }
        }
        System.out.println("Wrote " + outDir.resolve("README.md"));
        return 0;
    }

    private List<JsonNode> runStudy(OptimizerClient client, JsonNode specJson) {
        JsonNode study = client.createStudy(specJson.toString());
        String id = study.path("id").asText();
        System.out.println("Study " + specJson.path("name").asText() + " (" + id + ")");
        study.path("warnings").forEach(w -> System.out.println("warning: " + w.asText()));
        new StudyWatcher(client, System.out).watch(id, Duration.ofHours(timeoutHours));
        ReportPrinter.print(client.report(id), System.out);
        List<JsonNode> trials = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode p = client.trials(id, page, 500);
            p.path("items").forEach(trials::add);
            if (trials.size() >= p.path("total").asLong() || p.path("items").isEmpty()) {
                return trials;
            }
        }
    }

    private String commandLine(BenchSettings s) {
        return String.format(Locale.ROOT, "./fairtune bench replicate --replicates %d --budget %d --startup-trials %d "
                        + "--attributes %s --final-seeds %d --seed %d --epochs %d%s --reevaluate-top-k %d "
                        + "--reevaluate-seeds %d --pruner-warmup %d --parallelism %d%s", s.replicates(), s.budget(),
                s.startupTrials(), String.join(",", s.attributes()), s.finalSeeds(), s.baseSeed(), s.epochs(),
                s.maxTrain() > 0 ? " --max-train " + s.maxTrain() : "", s.reevaluateTopK(), s.reevaluateSeeds(),
                s.prunerWarmup(), s.parallelism(), smoke ? " --smoke" : "");
    }

    private List<String> notes(BenchSettings s, List<ReplicateResult> results, int trainImages, int fullTrain,
                               int fullEpochs, double wallSeconds) {
        int trials = 0;
        double trainerSeconds = 0;
        for (ReplicateResult r : results) {
            for (ReplicateResult.ArmCost c : r.cost().values()) {
                trials += c.trials();
                trainerSeconds += c.totalSeconds();
            }
        }
        double perTrial = trials == 0 ? 0 : trainerSeconds / trials;
        BenchSettings full = new BenchSettings(MINIMUM.replicates(), MINIMUM.budget(), MINIMUM.startupTrials(),
                MINIMUM.attributes(), MINIMUM.finalSeeds(), MINIMUM.baseSeed(), fullEpochs, 0, MINIMUM.reevaluateTopK(),
                MINIMUM.reevaluateSeeds(), MINIMUM.prunerWarmup(), 1);
        return List.of(
                "Command: `" + commandLine(s) + "` (" + results.size() + " of " + s.replicates() * s.attributes().size()
                        + " replicates done).",
                String.format(Locale.ROOT, "Wall time %.1f min with %d trainer(s) on %d cores; %d trials, %.1f trainer "
                                + "seconds per trial on %d training images.", wallSeconds / 60,
                        cluster.trainers, Runtime.getRuntime().availableProcessors(), trials, perTrial, trainImages),
                String.format(Locale.ROOT, "Estimated cost of the minimum meaningful run (3 replicates, budget 40, "
                                + "attributes sex and age_binary, 3 final seeds, re-evaluation top 3 x 3 seeds, all %d "
                                + "training images, the template's %d epoch(s): %d trials) on this machine with one trainer: about %.1f "
                                + "trainer hours, scaled from the seconds per trial above by epochs and training "
                                + "images (an upper bound: it scales the fixed part of a trial too and ignores pruning).",
                        fullTrain, fullEpochs, TrialCount.total(full),
                        TrialCount.estimatedHours(perTrial, s, trainImages, full, fullTrain)));
    }
}
