package io.fairtune.trainer.data;

import io.fairtune.model.data.ConfinedPaths;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.data.ManifestSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Turns manifest rows into decoded image splits, resolving every image path inside the image root. */
public final class DatasetLoader {

    private final Path imagesRoot;
    private final ImageCache cache;

    public DatasetLoader(Path imagesRoot, ImageCache cache) {
        this.imagesRoot = imagesRoot;
        this.cache = cache;
    }

    public ImageSplit load(DatasetManifest manifest, String split, int size) {
        return load(split, manifest.split(split), size);
    }

    /**
     * At most {@code max} samples of a split, chosen by a seeded shuffle of the sample ids so that the same
     * seed always trains on the same subset (max <= 0: all).
     */
    public ImageSplit loadSubsample(DatasetManifest manifest, String split, int size, int max, long seed) {
        List<ManifestSample> rows = manifest.split(split);
        if (max > 0 && rows.size() > max) {
            List<ManifestSample> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparing(ManifestSample::sampleId));
            java.util.Collections.shuffle(sorted, new Random(seed));
            rows = sorted.subList(0, max);
        }
        return load(split, rows, size);
    }

    private ImageSplit load(String split, List<ManifestSample> rows, int size) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("split '" + split + "' of the manifest is empty");
        }
        Path[] paths = rows.stream().map(r -> ConfinedPaths.resolve(imagesRoot, r.path(), "image of " + r.sampleId()))
                .toArray(Path[]::new);
        float[][] images = new float[rows.size()][];
        // decoding is the slow part of a cold start; the cache is thread-safe
        IntStream.range(0, rows.size()).parallel().forEach(i -> images[i] = cache.get(paths[i], size));
        return new ImageSplit(split, List.copyOf(rows), images, size);
    }
}
