package io.fairtune.trainer.data;

import io.fairtune.model.data.ManifestSample;
import java.util.List;

/**
 * The decoded images of one split (or a subsample of it), aligned with its manifest rows.
 *
 * @param images normalised CHW arrays of side {@code size}; shared with the cache, never written
 */
public record ImageSplit(String name, List<ManifestSample> samples, float[][] images, int size) {

    public int count() {
        return samples.size();
    }

    public int[] labels() {
        return samples.stream().mapToInt(ManifestSample::label).toArray();
    }

    public List<String> sampleIds() {
        return samples.stream().map(ManifestSample::sampleId).toList();
    }

    /** Group of each sample under {@code attribute}, null where unknown. */
    public String[] groups(String attribute) {
        return samples.stream().map(s -> s.group(attribute)).toArray(String[]::new);
    }

    /** Fills {@code out} with the unaugmented images at {@code indices}, one after another. */
    public void copyTo(int[] indices, float[] out) {
        int len = 3 * size * size;
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(images[indices[i]], 0, out, i * len, len);
        }
    }
}
