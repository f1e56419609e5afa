package io.fairtune.trainer.training;

import io.fairtune.model.data.ManifestSample;
import io.fairtune.trainer.data.ImageSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Synthetic, learnable image splits for tests that need tensors but not real images. */
public final class TestData {

    private TestData() {
    }

    /** Label-1 images are brighter in the red channel, so a few steps can move every layer. */
    public static ImageSplit split(String name, int count, int size, long seed) {
        Random rng = new Random(seed);
        List<ManifestSample> samples = new ArrayList<>();
        float[][] images = new float[count][];
        for (int i = 0; i < count; i++) {
            int label = i % 2;
            samples.add(new ManifestSample(name + "-" + i, "x.jpg", label, name,
                    Map.of("sex", i % 3 == 0 ? "F" : "M")));
            float[] img = new float[3 * size * size];
            for (int j = 0; j < img.length; j++) {
                img[j] = (float) rng.nextGaussian() + (label == 1 && j < size * size ? 0.8f : 0f);
            }
            images[i] = img;
        }
        return new ImageSplit(name, samples, images, size);
    }
}
