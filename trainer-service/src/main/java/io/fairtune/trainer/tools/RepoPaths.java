package io.fairtune.trainer.tools;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root for command-line tools: -Dfairtune.repo.root, else the nearest folder with mvnw. */
public final class RepoPaths {

    private RepoPaths() {
    }

    public static Path root() {
        String configured = System.getProperty("fairtune.repo.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("trainer-service"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the repository root; pass -Dfairtune.repo.root=...");
    }

    /** The shared data folder next to the repository (datasets and models that are not committed). */
    public static Path shared() {
        return root().resolve("..").resolve("shared").normalize();
    }
}
