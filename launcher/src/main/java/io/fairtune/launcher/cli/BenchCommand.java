package io.fairtune.launcher.cli;

import picocli.CommandLine.Command;

/** Benchmarks that run whole studies on a local cluster (by hand, not in CI). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run FairTune benchmarks on this machine.",
        subcommands = {ReplicateCommand.class, ScaleCommand.class, EventsCommand.class})
public final class BenchCommand {
}
