package io.fairtune.launcher.cli;

import io.fairtune.launcher.cluster.ClusterConfig;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/** Options shared by the commands that start a local cluster. */
public final class ClusterOptions {

    @Option(names = "--repo", description = "the FairTune checkout (default: current directory)")
    Path repo = Path.of("").toAbsolutePath();

    @Option(names = "--work-dir", description = "where logs, broker and database files go (default: runs/<time>)")
    Path workDir;

    @Option(names = "--data-root", description = "manifests (default: <repo>/datasets)")
    Path dataRoot;

    @Option(names = "--images-root", description = "images (default: <repo>/../shared/datasets)")
    Path imagesRoot;

    @Option(names = "--models-root", description = "checkpoints (default: <repo>/models)")
    Path modelsRoot;

    @Option(names = "--trainers", description = "trainer processes (default: ${DEFAULT-VALUE})")
    int trainers = 1;

    @Option(names = "--partitions", description = "partitions per topic (default: ${DEFAULT-VALUE})")
    int partitions = 4;

    @Option(names = "--port-base", description = "optimizer HTTP port; evaluator +1, trainers +2.. (default: ${DEFAULT-VALUE})")
    int portBase = 8180;

    @Option(names = "--kafka", description = "an external Kafka bootstrap instead of the embedded broker")
    String kafka;

    @Option(names = "--jdbc-url", description = "an external PostgreSQL, e.g. jdbc:postgresql://host:5432/ (databases optimizer, evaluator)")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "${env:FAIRTUNE_DB_USER:-postgres}")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:FAIRTUNE_DB_PASSWORD:-postgres}")
    String dbPassword;

    ClusterConfig toConfig() {
        Path root = repo.toAbsolutePath().normalize();
        if (trainers < 1 || trainers > partitions) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--trainers must be between 1 and --partitions (" + partitions + ")");
        }
        Path work = workDir != null ? workDir
                : root.resolve("runs").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return new ClusterConfig(root, work.toAbsolutePath(),
                dataRoot != null ? dataRoot : root.resolve("datasets"),
                imagesRoot != null ? imagesRoot : root.resolve("../shared/datasets").normalize(),
                modelsRoot != null ? modelsRoot : root.resolve("models"),
                trainers, partitions, portBase, kafka, jdbcUrl, dbUser, dbPassword, java.util.Map.of(), java.util.Map.of());
    }
}
