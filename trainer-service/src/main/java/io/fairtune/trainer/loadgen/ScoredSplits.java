package io.fairtune.trainer.loadgen;

import io.fairtune.model.data.ConfinedPaths;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.data.ManifestSample;
import io.fairtune.model.study.DatasetRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The samples of a split as the evaluator will align them (ids, labels, groups), read from the manifest once per
 * (manifest, split, attribute): many simulated trainers share a JVM and would otherwise parse it per trial.
 */
final class ScoredSplits {

    record Split(List<String> sampleIds, int[] labels, String[] groups) {
    }

    private final Path dataRoot;
    private final Map<String, DatasetManifest> manifests = new ConcurrentHashMap<>();
    private final Map<String, Split> splits = new ConcurrentHashMap<>();

    ScoredSplits(Path dataRoot) {
        this.dataRoot = dataRoot;
    }

    Split split(DatasetRef dataset, String split, String attribute) {
        return splits.computeIfAbsent(dataset.manifest() + "|" + split + "|" + attribute, k -> {
            List<ManifestSample> rows = manifest(dataset).split(split);
            return new Split(rows.stream().map(ManifestSample::sampleId).toList(),
                    rows.stream().mapToInt(ManifestSample::label).toArray(),
                    rows.stream().map(s -> s.group(attribute)).toArray(String[]::new));
        });
    }

    private DatasetManifest manifest(DatasetRef dataset) {
        DatasetManifest manifest = manifests.computeIfAbsent(dataset.manifest(), name ->
                DatasetManifest.load(ConfinedPaths.resolve(dataRoot, name, "dataset.manifest")));
        if (dataset.sha256() != null && !dataset.sha256().equalsIgnoreCase(manifest.sha256())) {
            throw new IllegalArgumentException("dataset.sha256: manifest " + dataset.manifest() + " has hash "
                    + manifest.sha256() + ", the study expects " + dataset.sha256());
        }
        return manifest;
    }
}
