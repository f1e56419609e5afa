package io.fairtune.launcher;

import io.fairtune.launcher.cli.DemoCommand;
import io.fairtune.launcher.cli.StudyCommand;
import io.fairtune.launcher.cli.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `fairtune` command: run the whole system locally, or talk to a running optimizer. */
@Command(name = "fairtune", mixinStandardHelpOptions = true, version = "fairtune 0.1.0",
        description = "FairTune on Kafka: fairness-driven PEFT mask search.",
        subcommands = {DemoCommand.class, UpCommand.class, StudyCommand.class})
public final class FairTune {

    public static void main(String[] args) {
        System.exit(new CommandLine(new FairTune()).execute(args));
    }
}
