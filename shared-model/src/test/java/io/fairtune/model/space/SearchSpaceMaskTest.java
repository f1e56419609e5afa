package io.fairtune.model.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Each space unfreezes exactly the documented timm parameter names (DESIGN.md table), written out here
 * by hand rather than derived from the implementation.
 */
class SearchSpaceMaskTest {

    private static final List<String> ATTN = List.of("attn.qkv.weight", "attn.qkv.bias", "attn.proj.weight",
            "attn.proj.bias");
    private static final List<String> NORM1 = List.of("norm1.weight", "norm1.bias");
    private static final List<String> NORM2 = List.of("norm2.weight", "norm2.bias");
    private static final List<String> NORMS = concat(NORM1, NORM2);
    private static final List<String> MLP = List.of("mlp.fc1.weight", "mlp.fc1.bias", "mlp.fc2.weight",
            "mlp.fc2.bias");
    private static final List<String> BLOCK = concat(NORMS, ATTN, MLP);
    private static final List<String> HEAD = List.of("head.weight", "head.bias");

    /** Per space: what each of a block's bits unfreezes, relative to "blocks.i.". */
    private static final Map<SearchSpace, List<List<String>>> DOCUMENTED = Map.of(
            SearchSpace.BLOCKS, List.of(BLOCK),
            SearchSpace.ATTENTION, List.of(ATTN),
            SearchSpace.LAYERNORM, List.of(NORMS),
            SearchSpace.ATTENTION_LAYERNORM, List.of(concat(ATTN, NORMS)),
            SearchSpace.ATTENTION_MLP, List.of(concat(ATTN, MLP)),
            SearchSpace.LAYERNORM_MLP, List.of(concat(NORMS, MLP)),
            SearchSpace.ATTENTION_LAYERNORM_MLP, List.of(BLOCK),
            SearchSpace.COMPONENTS3, List.of(NORMS, ATTN, MLP),
            SearchSpace.COMPONENTS4, List.of(NORM1, ATTN, NORM2, MLP),
            SearchSpace.ATTENTION_TENSORS, List.of(List.of("attn.qkv.weight"), List.of("attn.qkv.bias"),
                    List.of("attn.proj.weight"), List.of("attn.proj.bias")));

    @ParameterizedTest
    @ValueSource(ints = {12, 4})
    void everySingleBitUnfreezesExactlyItsDocumentedParameters(int depth) {
        BackboneLayout layout = BackboneLayout.vit(depth);
        List<String> names = BackboneLayout.vitParameterNames(depth);
        assertEquals(4 + 12 * depth + 4, names.size());
        assertEquals(10, DOCUMENTED.size(), "every space is covered");
        for (SearchSpace space : SearchSpace.values()) {
            List<List<String>> perBit = DOCUMENTED.get(space);
            int bits = perBit.size() * depth;
            assertEquals(bits, space.bits(depth), space.id());
            for (int bit = 0; bit < bits; bit++) {
                char[] m = "0".repeat(bits).toCharArray();
                m[bit] = '1';
                Set<String> expected = new TreeSet<>(alwaysOn(space));
                for (String suffix : perBit.get(bit % perBit.size())) {
                    expected.add("blocks." + (bit / perBit.size()) + "." + suffix);
                }
                Set<String> actual = new TreeSet<>(
                        ParameterSelection.parse(space.id(), new String(m), layout).trainable(names));
                assertEquals(expected, actual, space.id() + " bit " + bit + " of " + depth + " blocks");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 4})
    void aMaskUnfreezesTheUnionOfItsBitsAndNothingElse(int depth) {
        List<String> names = BackboneLayout.vitParameterNames(depth);
        Random random = new Random(depth);
        for (SearchSpace space : SearchSpace.values()) {
            List<List<String>> perBit = DOCUMENTED.get(space);
            boolean[] bits = new boolean[space.bits(depth)];
            Set<String> expected = new TreeSet<>(alwaysOn(space));
            for (int bit = 0; bit < bits.length; bit++) {
                bits[bit] = random.nextBoolean();
                if (bits[bit]) {
                    for (String suffix : perBit.get(bit % perBit.size())) {
                        expected.add("blocks." + (bit / perBit.size()) + "." + suffix);
                    }
                }
            }
            ParameterSelection selection = ParameterSelection.of(space, Mask.of(bits), BackboneLayout.vit(depth));
            assertEquals(expected, new TreeSet<>(selection.trainable(names)), space.id());
            // the frozen complement is everything else: embeddings, final norm, unselected blocks
            for (String frozen : List.of("cls_token", "patch_embed.proj.weight", "norm.weight")) {
                assertEquals(false, selection.isTrainable(frozen), space.id() + " " + frozen);
            }
        }
    }

    @Test
    void blockTenIsNotMistakenForBlockOne() {
        ParameterSelection selection = ParameterSelection.parse("blocks", "010000000000", BackboneLayout.vit(12));
        assertTrue(selection.isTrainable("blocks.1.attn.qkv.weight"));
        assertEquals(false, selection.isTrainable("blocks.10.attn.qkv.weight"));
        assertEquals(false, selection.isTrainable("blocks.11.mlp.fc1.bias"));
    }

    @Test
    void baselines() {
        List<String> names = BackboneLayout.vitParameterNames(4);
        BackboneLayout layout = BackboneLayout.vit(4);
        assertEquals(names, ParameterSelection.parse("blocks", "baseline:full", layout).trainable(names));
        assertEquals(HEAD, ParameterSelection.parse("components4", "baseline:linear-readout", layout).trainable(names));
        List<String> bitfit = ParameterSelection.parse("blocks", "baseline:bitfit", layout).trainable(names);
        // patch_embed.proj.bias + 6 biases per block + norm.bias + head.bias + head.weight
        assertEquals(1 + 6 * 4 + 1 + 1 + 1, bitfit.size());
        assertTrue(bitfit.contains("head.weight"));
        assertTrue(bitfit.stream().allMatch(n -> n.endsWith(".bias") || n.equals("head.weight")));
        assertEquals(4 * 12 + 2, ParameterSelection.parse("blocks", "baseline:all-ones", layout).trainable(names).size());
    }

    @Test
    void lowestTrainableBlockDrivesTheFrozenPrefix() {
        BackboneLayout layout = BackboneLayout.vit(12);
        List<String> names = BackboneLayout.vitParameterNames(12);
        assertEquals(9, ParameterSelection.parse("blocks", "000000000111", layout).lowestTrainableBlock(names, layout));
        assertEquals(12, ParameterSelection.parse("blocks", "baseline:linear-readout", layout)
                .lowestTrainableBlock(names, layout));
        assertEquals(-1, ParameterSelection.parse("blocks", "baseline:full", layout).lowestTrainableBlock(names, layout));
        // attention-tensors trains pos_embed, which sits below every block
        assertEquals(-1, ParameterSelection.parse("attention-tensors", "0".repeat(47) + "1", layout)
                .lowestTrainableBlock(names, layout));
    }

    @Test
    void genericBackbonesOnlySupportBlocks() {
        BackboneLayout resnet = BackboneLayout.generic(List.of("layer1.0.", "layer1.1.", "layer2.0."), List.of("linear."));
        ParameterSelection s = ParameterSelection.parse("blocks", "010", resnet);
        assertTrue(s.isTrainable("layer1.1.conv1.weight"));
        assertTrue(s.isTrainable("linear.weight"));
        assertEquals(false, s.isTrainable("layer1.0.bn1.weight"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterSelection.parse("attention", "010", resnet));
        assertTrue(e.getMessage().contains("use 'blocks'"), e.getMessage());
    }

    @Test
    void badMasksAreRefusedWithAReason() {
        BackboneLayout layout = BackboneLayout.vit(4);
        assertMessage("has 4 bits, mask has 3", () -> ParameterSelection.parse("blocks", "010", layout));
        assertMessage("only 0 and 1", () -> ParameterSelection.parse("blocks", "01x0", layout));
        assertMessage("unknown search space 'nope'", () -> ParameterSelection.parse("nope", "0101", layout));
        assertMessage("unknown baseline 'lora'", () -> ParameterSelection.parse("blocks", "baseline:lora", layout));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static List<String> alwaysOn(SearchSpace space) {
        List<String> on = new ArrayList<>(HEAD);
        if (space == SearchSpace.ATTENTION_TENSORS) {
            on.add("pos_embed");
        }
        return on;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}
