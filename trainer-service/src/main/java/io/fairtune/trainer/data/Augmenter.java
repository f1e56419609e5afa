package io.fairtune.trainer.data;

import java.util.Random;

/**
 * Random resized crop and horizontal flip on normalised CHW arrays, drawn from a caller-seeded
 * {@link Random} so that an attempt replays exactly. The crop scale range is narrower than timm's (0.08)
 * because the demo images are only 32 pixels wide.
 */
public final class Augmenter {

    private static final double MIN_SCALE = 0.35;
    private static final double LOG_RATIO_MIN = Math.log(3.0 / 4.0);
    private static final double LOG_RATIO_MAX = Math.log(4.0 / 3.0);

    private Augmenter() {
    }

    /** Writes the augmented {@code src} (side {@code size}) into {@code dst} at offset {@code at}. */
    public static void apply(float[] src, int size, Random rng, float[] dst, int at) {
        double area = (double) size * size;
        double cw = size;
        double ch = size;
        double cx = 0;
        double cy = 0;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (MIN_SCALE + (1 - MIN_SCALE) * rng.nextDouble());
            double ratio = Math.exp(LOG_RATIO_MIN + (LOG_RATIO_MAX - LOG_RATIO_MIN) * rng.nextDouble());
            double w = Math.sqrt(target * ratio);
            double h = Math.sqrt(target / ratio);
            if (w <= size && h <= size) {
                cw = w;
                ch = h;
                cx = rng.nextDouble() * (size - w);
                cy = rng.nextDouble() * (size - h);
                break;
            }
        }
        boolean flip = rng.nextBoolean();
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            double sy = cy + (y + 0.5) * ch / size - 0.5;
            int y0 = clamp((int) Math.floor(sy), size);
            int y1 = clamp(y0 + 1, size);
            float fy = (float) (sy - Math.floor(sy));
            for (int x = 0; x < size; x++) {
                int ox = flip ? size - 1 - x : x;
                double sx = cx + (x + 0.5) * cw / size - 0.5;
                int x0 = clamp((int) Math.floor(sx), size);
                int x1 = clamp(x0 + 1, size);
                float fx = (float) (sx - Math.floor(sx));
                for (int c = 0; c < 3; c++) {
                    int base = c * plane;
                    float top = src[base + y0 * size + x0] * (1 - fx) + src[base + y0 * size + x1] * fx;
                    float bottom = src[base + y1 * size + x0] * (1 - fx) + src[base + y1 * size + x1] * fx;
                    dst[at + base + y * size + ox] = top * (1 - fy) + bottom * fy;
                }
            }
        }
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
