package io.fairtune.model.space;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The search spaces of the FairTune reference code. Each bit of a mask unfreezes a set of parameters of
 * one block; {@link #bitsPerBlock()} bits belong to each block (bit {@code bitsPerBlock*i + k}).
 * Patterns are relative to the block prefix: ending with '.' matches a sub-module, else one tensor.
 */
public enum SearchSpace {
    BLOCKS("blocks", List.of(List.of("")), List.of()),
    ATTENTION("attention", List.of(List.of("attn.")), List.of()),
    LAYERNORM("layernorm", List.of(List.of("norm1.", "norm2.")), List.of()),
    ATTENTION_LAYERNORM("attention-layernorm", List.of(List.of("attn.", "norm1.", "norm2.")), List.of()),
    ATTENTION_MLP("attention-mlp", List.of(List.of("attn.", "mlp.")), List.of()),
    LAYERNORM_MLP("layernorm-mlp", List.of(List.of("norm1.", "norm2.", "mlp.")), List.of()),
    ATTENTION_LAYERNORM_MLP("attention-layernorm-mlp", List.of(List.of("attn.", "norm1.", "norm2.", "mlp.")),
            List.of()),
    /** Reference {@code auto_peft1}: k=0 both norms, k=1 attention, k=2 MLP. */
    COMPONENTS3("components3", List.of(List.of("norm1.", "norm2."), List.of("attn."), List.of("mlp.")), List.of()),
    /** Reference {@code auto_peft2}: norm1, attention, norm2, MLP. */
    COMPONENTS4("components4", List.of(List.of("norm1."), List.of("attn."), List.of("norm2."), List.of("mlp.")),
            List.of()),
    /** One attention tensor per bit; the position embedding trains too, as in the reference. */
    ATTENTION_TENSORS("attention-tensors", List.of(List.of("attn.qkv.weight"), List.of("attn.qkv.bias"),
            List.of("attn.proj.weight"), List.of("attn.proj.bias")), List.of("pos_embed"));

    private final String id;
    private final List<List<String>> bitPatterns;
    private final List<String> alwaysTrainable;

    SearchSpace(String id, List<List<String>> bitPatterns, List<String> alwaysTrainable) {
        this.id = id;
        this.bitPatterns = bitPatterns;
        this.alwaysTrainable = alwaysTrainable;
    }

    public String id() {
        return id;
    }

    public int bitsPerBlock() {
        return bitPatterns.size();
    }

    public int bits(int numBlocks) {
        return bitsPerBlock() * numBlocks;
    }

    /** Patterns (relative to the block prefix) that bit k of a block unfreezes. */
    public List<String> patternsOfBit(int k) {
        return bitPatterns.get(k);
    }

    /** Parameter names trained whenever this space is used, besides the head. */
    public List<String> alwaysTrainable() {
        return alwaysTrainable;
    }

    /** Only {@code blocks} makes sense for a network without timm's block structure. */
    public boolean supports(BackboneLayout layout) {
        return layout.componentWise() || this == BLOCKS;
    }

    public static Optional<SearchSpace> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    public static String allIds() {
        return Arrays.stream(values()).map(SearchSpace::id).collect(Collectors.joining(", "));
    }
}
