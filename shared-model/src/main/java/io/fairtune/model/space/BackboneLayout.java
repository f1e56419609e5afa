package io.fairtune.model.space;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a backbone's blocks and head live in its parameter names. ViTs use timm's names
 * ({@code blocks.i.}, {@code head.}); a TorchScript network declares its own block prefixes.
 *
 * @param blockPrefixes one prefix per block, each ending with '.', in depth order
 * @param headPrefixes  parameters that always train (the classification head)
 * @param componentWise true when blocks have timm's norm1/attn/norm2/mlp structure
 */
public record BackboneLayout(List<String> blockPrefixes, List<String> headPrefixes, boolean componentWise) {

    public BackboneLayout {
        blockPrefixes = List.copyOf(blockPrefixes);
        headPrefixes = List.copyOf(headPrefixes);
        for (String p : blockPrefixes) {
            if (!p.endsWith(".")) {
                throw new IllegalArgumentException("block prefix must end with '.': " + p);
            }
        }
    }

    /** timm's ViT naming with {@code depth} blocks. */
    public static BackboneLayout vit(int depth) {
        List<String> blocks = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            blocks.add("blocks." + i + ".");
        }
        return new BackboneLayout(blocks, List.of("head."), true);
    }

    /** A network whose blocks are named by the given prefixes, e.g. ResNet's "layer1.0.". */
    public static BackboneLayout generic(List<String> blockPrefixes, List<String> headPrefixes) {
        return new BackboneLayout(blockPrefixes, headPrefixes, false);
    }

    public int numBlocks() {
        return blockPrefixes.size();
    }

    /**
     * Every parameter name of a timm ViT with this many blocks, in model order; the reference list that
     * mask tests and the DJL ViT agree on.
     */
    public static List<String> vitParameterNames(int depth) {
        List<String> names = new ArrayList<>();
        names.add("cls_token");
        names.add("pos_embed");
        names.add("patch_embed.proj.weight");
        names.add("patch_embed.proj.bias");
        for (int i = 0; i < depth; i++) {
            String b = "blocks." + i + ".";
            for (String p : List.of("norm1.weight", "norm1.bias", "attn.qkv.weight", "attn.qkv.bias",
                    "attn.proj.weight", "attn.proj.bias", "norm2.weight", "norm2.bias", "mlp.fc1.weight",
                    "mlp.fc1.bias", "mlp.fc2.weight", "mlp.fc2.bias")) {
                names.add(b + p);
            }
        }
        names.add("norm.weight");
        names.add("norm.bias");
        names.add("head.weight");
        names.add("head.bias");
        return names;
    }
}
