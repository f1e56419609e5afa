package io.fairtune.model.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Resolves user-supplied relative paths (manifests, images, checkpoints) inside a configured root and
 * refuses anything that could leave it: absolute paths, "..", URLs, and symbolic links pointing out.
 */
public final class ConfinedPaths {

    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private ConfinedPaths() {
    }

    /**
     * @param what names the field in the error, e.g. "dataset"
     * @throws IllegalArgumentException naming the field and why the path is refused
     */
    public static Path resolve(Path root, String relative, String what) {
        if (relative == null || relative.isBlank()) {
            throw new IllegalArgumentException(what + ": a path is required");
        }
        if (URL.matcher(relative).matches()) {
            throw new IllegalArgumentException(what + ": URLs are not accepted, give a path relative to the root");
        }
        if (relative.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + ": path contains a NUL character");
        }
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(what + ": not a valid path", e);
        }
        if (rel.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
            throw new IllegalArgumentException(what + ": absolute paths are not accepted, give a path relative to the root");
        }
        for (Path part : rel) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException(what + ": '..' is not allowed in paths");
            }
        }
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(rel).normalize();
        if (!resolved.startsWith(base)) {
            throw new IllegalArgumentException(what + ": path leaves the configured root");
        }
        if (Files.exists(resolved)) {
            try {
                Path realBase = base.toRealPath();
                if (!resolved.toRealPath().startsWith(realBase)) {
                    throw new IllegalArgumentException(what + ": path is a link that leaves the configured root");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(what + ": cannot resolve path: " + e.getMessage(), e);
            }
        }
        return resolved;
    }
}
