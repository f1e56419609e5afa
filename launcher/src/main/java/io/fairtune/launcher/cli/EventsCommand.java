package io.fairtune.launcher.cli;

import io.fairtune.launcher.bench.ScaleEvents;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `fairtune bench events`: scale up, scale down and preemption on a running study ({@link ScaleEvents}). */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Scale up, scale down (SIGTERM) and preemption (SIGKILL of a quarter) mid-study.")
public final class EventsCommand implements Callable<Integer> {

    @Option(names = "--small", defaultValue = "8", description = "trainers before scale-up / after scale-down (default: ${DEFAULT-VALUE})")
    int small;

    @Option(names = "--large", defaultValue = "32", description = "trainers after scale-up / before scale-down (default: ${DEFAULT-VALUE})")
    int large;

    @Option(names = "--only", split = ",", description = "up, down, preemption (default: all)")
    List<String> only = List.of("up", "down", "preemption");

    @Mixin
    ScaleBenchOptions bench = new ScaleBenchOptions();

    @Override
    public Integer call() throws Exception {
        return bench.run(Math.max(64, large), List.of(), (scale, plan) -> {
            ScaleEvents events = scale.events();
            if (only.contains("up")) {
                events.scaleUp(small, large, plan);
            }
            if (only.contains("down")) {
                events.scaleDown(large, small, plan);
            }
            if (only.contains("preemption")) {
                events.preemption(large, plan);
            }
        });
    }
}
