package io.fairtune.launcher.cli;

import io.fairtune.model.study.StudySpecCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Study files are YAML or JSON; the API takes JSON. */
final class SpecFiles {

    private SpecFiles() {
    }

    static String toJson(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read study file " + file, e);
        }
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? StudySpecCodec.toJson(StudySpecCodec.fromJson(text))
                : StudySpecCodec.toJson(StudySpecCodec.fromYaml(text));
    }
}
