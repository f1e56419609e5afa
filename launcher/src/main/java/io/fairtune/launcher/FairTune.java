package io.fairtune.launcher;

import io.fairtune.launcher.cli.BenchCommand;
import io.fairtune.launcher.cli.DemoCommand;
import io.fairtune.launcher.cli.StudyCommand;
import io.fairtune.launcher.cli.UpCommand;
import io.fairtune.launcher.client.OptimizerClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `fairtune` command: run the whole system locally, or talk to a running optimizer. */
@Command(name = "fairtune", mixinStandardHelpOptions = true, version = "fairtune 0.1.0",
        description = "FairTune on Kafka: fairness-driven PEFT mask search.",
        subcommands = {DemoCommand.class, UpCommand.class, StudyCommand.class, BenchCommand.class})
public final class FairTune {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new FairTune());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            // a person reads this: the message, never a stack trace (services keep theirs in their logs)
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            commandLine.getErr().println("error: " + message);
            return e instanceof OptimizerClient.ApiException api && api.status() >= 400 && api.status() < 500 ? 2 : 1;
        });
        System.exit(cli.execute(args));
    }
}
