package io.fairtune.optimizer.ui;

import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.space.SearchSpace;
import io.fairtune.model.study.BackboneSpec;
import io.fairtune.model.study.StudySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The component each mask bit unfreezes, named the way the trainer matches parameters, e.g. {@code blocks.3.attn}
 * or {@code blocks.0.norm1+norm2}: block prefix from {@link BackboneLayout}, patterns from {@link SearchSpace}.
 */
final class BitNames {

    private BitNames() {
    }

    static List<String> of(StudySpec spec) {
        SearchSpace space = SearchSpace.byId(spec.searchSpace()).orElse(null);
        BackboneSpec backbone = spec.backbone();
        if (space == null || backbone == null) {
            return List.of();
        }
        int blocks = backbone.numBlocks();
        List<String> prefixes = BackboneSpec.KIND_VIT.equals(backbone.kind())
                ? BackboneLayout.vit(blocks).blockPrefixes()
                : torchScriptBlocks(blocks);
        List<String> names = new ArrayList<>(space.bits(blocks));
        for (int bit = 0; bit < space.bits(blocks); bit++) {
            String block = trimDot(prefixes.get(bit / space.bitsPerBlock()));
            List<String> parts = new ArrayList<>();
            for (String pattern : space.patternsOfBit(bit % space.bitsPerBlock())) {
                if (!pattern.isEmpty()) {
                    parts.add(trimDot(pattern));
                }
            }
            names.add(parts.isEmpty() ? block : block + "." + String.join("+", parts));
        }
        return names;
    }

    /** A TorchScript network's block prefixes are only known to the trainer that loads it: number them. */
    private static List<String> torchScriptBlocks(int blocks) {
        List<String> out = new ArrayList<>(blocks);
        for (int i = 0; i < blocks; i++) {
            out.add("block " + i + ".");
        }
        return out;
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
