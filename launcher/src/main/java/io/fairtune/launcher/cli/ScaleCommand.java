package io.fairtune.launcher.cli;

import io.fairtune.launcher.bench.ScaleBench;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `fairtune bench scale`: one row of throughput, utilization and overhead per trainer count
 * ({@link ScaleBench}).
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Trials/min, trainer utilization and control-plane overhead per trial under N trainers.")
public final class ScaleCommand implements Callable<Integer> {

    @Option(names = "--trainers", split = ",", description = "trainer counts, one row each (default: ${DEFAULT-VALUE})")
    List<Integer> trainers = List.of(1, 8, 32, 64);

    @Mixin
    ScaleBenchOptions bench = new ScaleBenchOptions();

    @Override
    public Integer call() throws Exception {
        int most = trainers.stream().mapToInt(Integer::intValue).max().orElse(1);
        return bench.run(most, trainers, ScaleBench::run);
    }
}
