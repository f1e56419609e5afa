package io.fairtune.trainer.tools;

import io.fairtune.model.data.DatasetManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Derives {@code datasets/ham10000/manifest.csv} from the HAM10000 metadata, MEDFAIR style: label 1 for
 * melanoma or actinic keratosis (mel, akiec); {@code sex} M/F; {@code age_binary} 0 for age <= 60, 1 above;
 * unknown sex or age left empty (never mapped to a group); split 80/10/10 by lesion with a fixed seed, so
 * that no lesion appears in two splits.
 *
 * <p>Run: {@code ./mvnw -q -pl trainer-service exec:java -Dexec.mainClass=io.fairtune.trainer.tools.PrepareHam10000Manifest}
 * (args: [metadata.csv] [output] [seed]).
 */
public final class PrepareHam10000Manifest {

    public static final long DEFAULT_SEED = 2024L;
    static final String IMAGE_DIR = "ham10000-subset/images/";

    private PrepareHam10000Manifest() {
    }

    public static void main(String[] args) throws IOException {
        Path metadata = args.length > 0 ? Path.of(args[0])
                : RepoPaths.shared().resolve("datasets/ham10000-subset/metadata.csv");
        Path out = args.length > 1 ? Path.of(args[1]) : RepoPaths.root().resolve("datasets/ham10000/manifest.csv");
        long seed = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        String csv = build(Files.readAllLines(metadata, StandardCharsets.UTF_8), seed);
        Files.createDirectories(out.getParent());
        Files.writeString(out, csv, StandardCharsets.UTF_8);
        DatasetManifest manifest = DatasetManifest.parse(csv);
        System.out.printf("wrote %s: %d samples (train %d, val %d, test %d), sha256 %s%n", out,
                manifest.samples().size(), manifest.split("train").size(), manifest.split("val").size(),
                manifest.split("test").size(), DatasetManifest.sha256(csv.getBytes(StandardCharsets.UTF_8)));
    }

    /** The manifest text for the metadata lines (header first); deterministic for a seed. */
    public static String build(List<String> metadataLines, long seed) {
        List<String> header = List.of(metadataLines.get(0).strip().split(",", -1));
        int id = col(header, "image_id");
        int lesion = col(header, "lesion_id");
        int dx = col(header, "dx");
        int age = col(header, "age");
        int sex = col(header, "sex");
        List<String[]> rows = new ArrayList<>();
        TreeSet<String> lesions = new TreeSet<>();
        for (String line : metadataLines.subList(1, metadataLines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.strip().split(",", -1);
            rows.add(cells);
            lesions.add(cells[lesion]);
        }
        List<String> order = new ArrayList<>(lesions);
        Collections.shuffle(order, new Random(seed));
        Map<String, String> splitOf = new HashMap<>();
        int trainEnd = (int) Math.round(order.size() * 0.8);
        int valEnd = (int) Math.round(order.size() * 0.9);
        for (int i = 0; i < order.size(); i++) {
            splitOf.put(order.get(i), i < trainEnd ? "train" : i < valEnd ? "val" : "test");
        }
        StringBuilder sb = new StringBuilder("sample_id,path,label,split,sex,age_binary\n");
        rows.sort(java.util.Comparator.comparing(r -> r[id]));
        for (String[] r : rows) {
            String label = r[dx].equals("mel") || r[dx].equals("akiec") ? "1" : "0";
            sb.append(r[id]).append(',').append(IMAGE_DIR).append(r[id]).append(".jpg,").append(label).append(',')
                    .append(splitOf.get(r[lesion])).append(',').append(sex(r[sex])).append(',')
                    .append(ageBinary(r[age])).append('\n');
        }
        return sb.toString();
    }

    private static String sex(String value) {
        return switch (value) {
            case "male" -> "M";
            case "female" -> "F";
            default -> "";
        };
    }

    private static String ageBinary(String value) {
        if (value.isBlank()) {
            return "";
        }
        return Double.parseDouble(value) <= 60.0 ? "0" : "1";
    }

    private static int col(List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("metadata lacks column " + name);
        }
        return i;
    }
}
