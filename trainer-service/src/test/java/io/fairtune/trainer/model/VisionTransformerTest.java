package io.fairtune.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.study.VitConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisionTransformerTest {

    @Test
    void base16HasTimmNamesShapesAndViTBSize() {
        VisionTransformer vit = new VisionTransformer(VitConfig.base16());
        assertEquals(BackboneLayout.vitParameterNames(12), new java.util.ArrayList<>(vit.namedParameters().keySet()));
        assertEquals(new Shape(1, 197, 768), vit.namedParameters().get("pos_embed").getShape());
        assertEquals(new Shape(2304, 768), vit.namedParameters().get("blocks.11.attn.qkv.weight").getShape());
        assertEquals(new Shape(768, 3, 16, 16), vit.namedParameters().get("patch_embed.proj.weight").getShape());
        // timm vit_base_patch16_224 has 86.6 M parameters with a 1000-class head; ours has a 2-class head
        assertEquals(86_567_656L - 1000 * 768 - 1000 + 2 * 768 + 2, vit.parameterCount());
    }

    @Test
    void checkpointRoundTripsAndPrefixPlusSuffixEqualsTheFullForward(@TempDir Path dir) throws Exception {
        VitConfig cfg = new VitConfig(16, 4, 32, 3, 2, 2, 2);
        Path file = dir.resolve("vit.safetensors");
        try (LoadedBackbone a = BackboneLoader.freshVit(cfg, 1, Device.cpu());
             LoadedBackbone b = BackboneLoader.freshVit(cfg, 2, Device.cpu());
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            VitCheckpoint.save(a.vit().orElseThrow(), file);
            assertTrue(Files.size(file) > 0);
            VitCheckpoint.load(b.vit().orElseThrow(), file, name -> false);
            a.namedParameters().forEach((name, p) -> assertArrayEquals(p.getArray().toFloatArray(),
                    b.namedParameters().get(name).getArray().toFloatArray(), 0f, name));

            VisionTransformer vit = a.vit().orElseThrow();
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(3, 3, 16, 16));
            float[] full = vit.forward(ps, new NDList(x), false).head().toFloatArray();
            NDArray tokens = vit.prefix(ps, x, 2);
            vit.setEntryBlock(2);
            float[] split = vit.forward(ps, new NDList(tokens), false).head().toFloatArray();
            vit.setEntryBlock(-1);
            assertArrayEquals(full, split, 1e-5f);
        }
    }

    @Test
    void checkpointOfAnotherShapeIsRefusedByName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.safetensors");
        try (LoadedBackbone small = BackboneLoader.freshVit(new VitConfig(16, 4, 32, 2, 2, 2, 2), 1, Device.cpu())) {
            VitCheckpoint.save(small.vit().orElseThrow(), file);
        }
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> BackboneLoader.vit(new VitConfig(16, 4, 32, 3, 2, 2, 2), file, 1, Device.cpu()));
        assertTrue(e.getMessage().contains("blocks.2.norm1.weight: missing (expected (32))"), e.getMessage());
    }
}
