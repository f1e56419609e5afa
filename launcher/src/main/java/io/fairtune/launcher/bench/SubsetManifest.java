package io.fairtune.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A manifest with a seeded subset of its training rows (validation and test untouched, so every arm is scored on
 * the same full splits): a smaller benchmark for a small machine. Image paths stay as they are.
 */
public final class SubsetManifest {

    private SubsetManifest() {
    }

    /** Writes {@code target} with at most {@code maxTrain} train rows; returns how many it kept. */
    public static int write(Path source, Path target, int maxTrain, long seed) throws IOException {
        List<String> lines = Files.readAllLines(source);
        String header = lines.get(0);
        int split = List.of(header.split(",", -1)).indexOf("split");
        if (split < 0) {
            throw new IllegalArgumentException(source + " has no 'split' column");
        }
        List<String> train = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            (split < cells.length && "train".equals(cells[split]) ? train : rest).add(line);
        }
        Collections.shuffle(train, new Random(seed));
        List<String> kept = train.subList(0, Math.min(maxTrain, train.size()));
        List<String> out = new ArrayList<>();
        out.add(header);
        out.addAll(kept);
        out.addAll(rest);
        Files.createDirectories(target.getParent());
        Files.write(target, out);
        return kept.size();
    }

    /** Rows of the train split in a manifest. */
    public static int trainRows(Path manifest) throws IOException {
        List<String> lines = Files.readAllLines(manifest);
        int split = List.of(lines.get(0).split(",", -1)).indexOf("split");
        return (int) lines.stream().skip(1).map(l -> l.split(",", -1))
                .filter(c -> split >= 0 && split < c.length && "train".equals(c[split])).count();
    }
}
