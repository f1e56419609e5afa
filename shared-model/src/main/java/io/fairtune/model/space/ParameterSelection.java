package io.fairtune.model.space;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which parameters a trial trains: the head always, plus what the mask's set bits (or a fixed baseline)
 * name. Everything else stays frozen.
 */
public final class ParameterSelection {

    private final List<String> prefixes;
    private final List<String> exactNames;
    private final boolean everything;
    private final boolean biases;

    private ParameterSelection(List<String> prefixes, List<String> exactNames, boolean everything, boolean biases) {
        this.prefixes = List.copyOf(prefixes);
        this.exactNames = List.copyOf(exactNames);
        this.everything = everything;
        this.biases = biases;
    }

    /**
     * Parses the wire form of a mask: a bit string over {@code space}, or {@code baseline:<id>}.
     *
     * @throws IllegalArgumentException naming what is wrong (unknown space, wrong length, bad baseline)
     */
    public static ParameterSelection parse(String spaceId, String mask, BackboneLayout layout) {
        SearchSpace space = SearchSpace.byId(spaceId).orElseThrow(() -> new IllegalArgumentException(
                "unknown search space '" + spaceId + "' (known: " + SearchSpace.allIds() + ")"));
        if (mask != null && mask.startsWith(FixedMask.PREFIX)) {
            String id = mask.substring(FixedMask.PREFIX.length());
            FixedMask fixed = FixedMask.byId(id).orElseThrow(() -> new IllegalArgumentException(
                    "unknown baseline '" + id + "' (known: " + FixedMask.allIds() + ")"));
            return of(fixed, space, layout);
        }
        return of(space, Mask.of(mask), layout);
    }

    public static ParameterSelection of(SearchSpace space, Mask mask, BackboneLayout layout) {
        if (!space.supports(layout)) {
            throw new IllegalArgumentException("search space '" + space.id()
                    + "' needs a ViT-structured backbone; use 'blocks' for this one");
        }
        int expected = space.bits(layout.numBlocks());
        if (mask.size() != expected) {
            throw new IllegalArgumentException("space '" + space.id() + "' over " + layout.numBlocks()
                    + " blocks has " + expected + " bits, mask has " + mask.size());
        }
        List<String> prefixes = new ArrayList<>(layout.headPrefixes());
        List<String> exact = new ArrayList<>(space.alwaysTrainable());
        for (int bit = 0; bit < mask.size(); bit++) {
            if (!mask.get(bit)) {
                continue;
            }
            String block = layout.blockPrefixes().get(bit / space.bitsPerBlock());
            for (String pattern : space.patternsOfBit(bit % space.bitsPerBlock())) {
                if (pattern.isEmpty() || pattern.endsWith(".")) {
                    prefixes.add(block + pattern);
                } else {
                    exact.add(block + pattern);
                }
            }
        }
        return new ParameterSelection(prefixes, exact, false, false);
    }

    public static ParameterSelection of(FixedMask fixed, SearchSpace space, BackboneLayout layout) {
        return switch (fixed) {
            case FULL -> new ParameterSelection(List.of(), List.of(), true, false);
            case LINEAR_READOUT -> new ParameterSelection(layout.headPrefixes(), List.of(), false, false);
            case BITFIT -> new ParameterSelection(layout.headPrefixes(), List.of(), false, true);
            case ALL_ONES -> of(space, Mask.ones(space.bits(layout.numBlocks())), layout);
        };
    }

    public boolean isTrainable(String parameterName) {
        if (everything) {
            return true;
        }
        if (biases && (parameterName.endsWith(".bias") || parameterName.equals("bias"))) {
            return true;
        }
        if (exactNames.contains(parameterName)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (parameterName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The trainable subset of {@code names}, in their order. */
    public List<String> trainable(Collection<String> names) {
        return names.stream().filter(this::isTrainable).toList();
    }

    /**
     * Index of the lowest block with a trainable parameter, or -1 when something below the first block
     * (embeddings) trains. Gradients never need to flow below it; with augmentation off, activations
     * below it can be cached across epochs.
     */
    public int lowestTrainableBlock(Collection<String> names, BackboneLayout layout) {
        int lowest = layout.numBlocks();
        for (String name : names) {
            if (!isTrainable(name)) {
                continue;
            }
            int block = blockOf(name, layout);
            if (block == -2) {
                continue; // above the blocks (final norm, head): does not lower the frozen prefix
            }
            if (block == -1) {
                return -1;
            }
            lowest = Math.min(lowest, block);
        }
        return lowest;
    }

    /** Block index of a parameter, -1 below the blocks (embeddings), -2 above them (final norm, head). */
    private static int blockOf(String name, BackboneLayout layout) {
        List<String> blocks = layout.blockPrefixes();
        for (int i = 0; i < blocks.size(); i++) {
            if (name.startsWith(blocks.get(i))) {
                return i;
            }
        }
        for (String head : layout.headPrefixes()) {
            if (name.startsWith(head)) {
                return -2;
            }
        }
        // timm ViT: the final norm sits above the blocks; anything else (embeddings, stem) below
        return name.startsWith("norm.") ? -2 : -1;
    }
}
