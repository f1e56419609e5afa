package io.fairtune.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, stratified slice of the shipped HAM10000 manifest (same images, same columns) so that an end-to-end
 * study trains real images in seconds per trial.
 */
final class SmallHamDataset {

    private SmallHamDataset() {
    }

    /** Writes {@code <dataRoot>/ham-small/manifest.csv}; returns the manifest path relative to the data root. */
    static String write(Path repoRoot, Path dataRoot) {
        try {
            List<String> lines = Files.readAllLines(repoRoot.resolve("datasets/ham10000/manifest.csv"));
            String header = lines.get(0);
            List<String> header0 = List.of(header.split(","));
            int labelCol = header0.indexOf("label");
            int splitCol = header0.indexOf("split");
            List<String> out = new ArrayList<>();
            out.add(header);
            // positives are ~11 %: take a fixed number of each class per split so every split has both
            take(lines, out, labelCol, splitCol, "train", 64, 192);
            take(lines, out, labelCol, splitCol, "val", 24, 72);
            take(lines, out, labelCol, splitCol, "test", 24, 72);
            Path manifest = dataRoot.resolve("ham-small/manifest.csv");
            Files.createDirectories(manifest.getParent());
            Files.write(manifest, out);
            return "ham-small/manifest.csv";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void take(List<String> lines, List<String> out, int labelCol, int splitCol, String split,
                             int positives, int negatives) {
        int pos = 0;
        int neg = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (!cells[splitCol].equals(split)) {
                continue;
            }
            if (cells[labelCol].equals("1") && pos < positives) {
                out.add(line);
                pos++;
            } else if (cells[labelCol].equals("0") && neg < negatives) {
                out.add(line);
                neg++;
            }
        }
    }
}
