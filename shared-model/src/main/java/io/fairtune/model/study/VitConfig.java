package io.fairtune.model.study;

/**
 * Shape of a Vision Transformer, from the CPU demo size up to ViT-B/16 (224, 16, 768, 12, 12, 4). The tiny
 * demo size has 4 blocks so that the component-level space {@code components3} has 12 bits.
 */
public record VitConfig(int imageSize, int patchSize, int embedDim, int depth, int numHeads, int mlpRatio,
                        int numClasses) {

    public static VitConfig tiny() {
        return new VitConfig(32, 4, 96, 4, 3, 2, 2);
    }

    public static VitConfig base16() {
        return new VitConfig(224, 16, 768, 12, 12, 4, 2);
    }
}
