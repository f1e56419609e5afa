package io.fairtune.model.study;

/**
 * Which pretrained network a trial fine-tunes.
 *
 * @param kind       {@code vit} (the project's DJL ViT) or {@code torchscript} (a user-exported .pt)
 * @param checkpoint path of the pretrained weights, relative to the configured model root
 * @param vit        the ViT's shape when kind is vit, else null
 * @param imageSize  the input side in pixels the network expects
 * @param numBlocks  blocks the search space is sized by (ViT depth, or the TorchScript block count)
 */
public record BackboneSpec(String kind, String checkpoint, VitConfig vit, int imageSize, int numBlocks) {

    public static final String KIND_VIT = "vit";
    public static final String KIND_TORCHSCRIPT = "torchscript";

    public static BackboneSpec vit(String checkpoint, VitConfig config) {
        return new BackboneSpec(KIND_VIT, checkpoint, config, config.imageSize(), config.depth());
    }
}
