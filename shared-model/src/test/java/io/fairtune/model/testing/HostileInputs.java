package io.fairtune.model.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Counts the hostile inputs the bad-input suites try and how many the service rejected as it should. One file
 * per suite under target/hostile-inputs/ (test classes may run in different class loaders), summed into
 * target/hostile-inputs.txt after each suite.
 */
public final class HostileInputs {

    private static final Path DIR = Path.of("target/hostile-inputs");
    private static final Path SUMMARY = Path.of("target/hostile-inputs.txt");

    private final Path file;

    private HostileInputs(Path file) {
        this.file = file;
    }

    /** Starts a suite's tally afresh. */
    public static HostileInputs suite(String name) {
        try {
            Files.createDirectories(DIR);
            Path f = DIR.resolve(name + ".tsv");
            Files.deleteIfExists(f);
            Files.createFile(f);
            return new HostileInputs(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the checks that the input was refused; counts it as tried, and as rejected only if they pass. */
    public void attempt(String category, String input, Runnable checks) {
        boolean rejected = false;
        try {
            checks.run();
            rejected = true;
        } finally {
            append(category + "\t" + rejected + "\t" + input.replaceAll("\\s+", " "));
        }
    }

    private synchronized void append(String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites target/hostile-inputs.txt from every suite's file; returns the first line. */
    public static String writeSummary() {
        Map<String, int[]> byCategory = new TreeMap<>();
        int tried = 0;
        int rejected = 0;
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
                String suite = f.getFileName().toString().replace(".tsv", "");
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String[] cells = line.split("\t", 3);
                    int[] c = byCategory.computeIfAbsent(suite + " / " + cells[0], k -> new int[2]);
                    c[0]++;
                    tried++;
                    if (Boolean.parseBoolean(cells[1])) {
                        c[1]++;
                        rejected++;
                    }
                }
            }
            String head = tried + " hostile inputs tried, " + rejected + " rejected";
            StringBuilder out = new StringBuilder(head).append('\n');
            byCategory.forEach((k, c) -> out.append(String.format("  %-60s %5d tried %5d rejected%n", k, c[0], c[1])));
            Files.writeString(SUMMARY, out.toString(), StandardCharsets.UTF_8);
            System.out.println(out);
            return head;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
