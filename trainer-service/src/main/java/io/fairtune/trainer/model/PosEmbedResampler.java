package io.fairtune.trainer.model;

/**
 * Resizes a ViT's learned position embedding to another patch grid the way timm's
 * {@code resample_abs_pos_embed} does when a checkpoint meets another image size: the class token's embedding
 * is kept, the square grid of patch embeddings is resized per channel with PyTorch's antialiased bicubic
 * interpolation ({@code F.interpolate(mode="bicubic", antialias=True)}, timm's defaults; align_corners false).
 *
 * <p>Antialiased bicubic in PyTorch is a separable filter (Keys cubic, a = -0.5), widened by the scale when
 * shrinking, with weights normalised per output pixel; it is not the a = -0.75 kernel of plain bicubic, so
 * upsampling gives different values too. The parity fixture checks both directions against PyTorch.
 */
public final class PosEmbedResampler {

    private PosEmbedResampler() {
    }

    /**
     * @param posEmbed [1, prefixTokens + oldGrid², dim] row-major, as stored in a checkpoint
     * @return [1, prefixTokens + newGrid², dim] row-major
     */
    public static float[] resample(float[] posEmbed, int prefixTokens, int dim, int newGrid) {
        int oldTokens = posEmbed.length / dim - prefixTokens;
        int oldGrid = (int) Math.round(Math.sqrt(oldTokens));
        if (oldGrid * oldGrid != oldTokens || posEmbed.length != (prefixTokens + oldTokens) * dim) {
            throw new IllegalArgumentException("position embedding of " + posEmbed.length / dim + " tokens is not "
                    + prefixTokens + " prefix tokens plus a square grid");
        }
        float[] out = new float[(prefixTokens + newGrid * newGrid) * dim];
        System.arraycopy(posEmbed, 0, out, 0, prefixTokens * dim);
        if (oldGrid == newGrid) {
            System.arraycopy(posEmbed, 0, out, 0, posEmbed.length);
            return out;
        }
        Filter filter = Filter.of(oldGrid, newGrid);
        int base = prefixTokens * dim;
        // horizontal pass: [oldGrid rows][newGrid cols][dim]
        float[] wide = new float[oldGrid * newGrid * dim];
        for (int y = 0; y < oldGrid; y++) {
            for (int x = 0; x < newGrid; x++) {
                for (int k = 0; k < filter.size[x]; k++) {
                    float w = filter.weights[x][k];
                    int src = base + (y * oldGrid + filter.start[x] + k) * dim;
                    int dst = (y * newGrid + x) * dim;
                    for (int c = 0; c < dim; c++) {
                        wide[dst + c] += w * posEmbed[src + c];
                    }
                }
            }
        }
        // vertical pass into the output grid
        for (int y = 0; y < newGrid; y++) {
            for (int k = 0; k < filter.size[y]; k++) {
                float w = filter.weights[y][k];
                for (int x = 0; x < newGrid; x++) {
                    int src = ((filter.start[y] + k) * newGrid + x) * dim;
                    int dst = base + (y * newGrid + x) * dim;
                    for (int c = 0; c < dim; c++) {
                        out[dst + c] += w * wide[src + c];
                    }
                }
            }
        }
        return out;
    }

    /** Per output index: the first input index it reads, how many, and their normalised weights. */
    private record Filter(int[] start, int[] size, float[][] weights) {

        private static final double A = -0.5;

        static Filter of(int in, int out) {
            double scale = (double) in / out;
            double support = scale >= 1 ? 2 * scale : 2; // bicubic reads 4 taps, spread by the scale when shrinking
            double invScale = scale >= 1 ? 1 / scale : 1;
            int[] start = new int[out];
            int[] size = new int[out];
            float[][] weights = new float[out][];
            for (int i = 0; i < out; i++) {
                double center = scale * (i + 0.5);
                int min = Math.max((int) (center - support + 0.5), 0);
                int len = Math.min((int) (center + support + 0.5), in) - min;
                double[] w = new double[len];
                double total = 0;
                for (int j = 0; j < len; j++) {
                    w[j] = cubic((j + min - center + 0.5) * invScale);
                    total += w[j];
                }
                weights[i] = new float[len];
                for (int j = 0; j < len; j++) {
                    weights[i][j] = (float) (total == 0 ? w[j] : w[j] / total);
                }
                start[i] = min;
                size[i] = len;
            }
            return new Filter(start, size, weights);
        }

        private static double cubic(double x) {
            double t = Math.abs(x);
            if (t < 1) {
                return ((A + 2) * t - (A + 3)) * t * t + 1;
            }
            if (t < 2) {
                return ((A * t - 5 * A) * t + 8 * A) * t - 4 * A;
            }
            return 0;
        }
    }
}
