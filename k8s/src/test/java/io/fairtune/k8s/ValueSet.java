package io.fairtune.k8s;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A named combination of values files and {@code --set} overrides the chart is rendered with. */
public record ValueSet(String name, List<Path> valuesFiles, Map<String, Object> sets) {

    public static ValueSet of(String name) {
        return new ValueSet(name, List.of(), Map.of());
    }

    public ValueSet withFile(Path file) {
        List<Path> files = new java.util.ArrayList<>(valuesFiles);
        files.add(file);
        return new ValueSet(name, List.copyOf(files), sets);
    }

    public ValueSet with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(sets);
        copy.put(key, value);
        return new ValueSet(name, valuesFiles, copy);
    }

    public ValueSet named(String newName) {
        return new ValueSet(newName, valuesFiles, sets);
    }
}
