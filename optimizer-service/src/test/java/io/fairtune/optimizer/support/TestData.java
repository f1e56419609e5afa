package io.fairtune.optimizer.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small manifest under target/test-data (the %test data root), written before any study is created. */
public final class TestData {

    public static final Path ROOT = Path.of("target/test-data");
    public static final String MANIFEST = "toy/manifest.csv";

    private TestData() {
    }

    public static synchronized void ensure() {
        Path file = ROOT.resolve(MANIFEST);
        if (Files.exists(file)) {
            return;
        }
        StringBuilder csv = new StringBuilder("sample_id,path,label,split,sex,age_group\n");
        String[] splits = {"train", "val", "test"};
        for (int i = 0; i < 60; i++) {
            csv.append("s").append(i).append(",img/").append(i).append(".png,").append(i % 2).append(',')
                    .append(splits[i % 3]).append(',').append(i % 4 < 2 ? "female" : "male").append(',')
                    .append(i % 5 < 3 ? "young" : "old").append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
