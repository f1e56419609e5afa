package io.fairtune.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.fairtune.model.study.VitConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint as timm and the Hugging Face hub publish {@code vit_base_patch16_224}: exactly its tensor names
 * and shapes (listed here from timm, independently of {@link VisionTransformer}), its 1000-class ImageNet head,
 * keys in the hub files' sorted order, random weights generated at run time (346 MB, not committed).
 */
class TimmCheckpointTest {

    @TempDir
    static Path dir;
    static Path vitB16;

    /** timm's vit_base_patch16_224 state_dict: names and shapes. */
    static Map<String, long[]> vitBase16Tensors() {
        Map<String, long[]> t = new LinkedHashMap<>();
        t.put("cls_token", new long[] {1, 1, 768});
        t.put("pos_embed", new long[] {1, 197, 768});
        t.put("patch_embed.proj.weight", new long[] {768, 3, 16, 16});
        t.put("patch_embed.proj.bias", new long[] {768});
        for (int i = 0; i < 12; i++) {
            String b = "blocks." + i + ".";
            t.put(b + "norm1.weight", new long[] {768});
            t.put(b + "norm1.bias", new long[] {768});
            t.put(b + "attn.qkv.weight", new long[] {2304, 768});
            t.put(b + "attn.qkv.bias", new long[] {2304});
            t.put(b + "attn.proj.weight", new long[] {768, 768});
            t.put(b + "attn.proj.bias", new long[] {768});
            t.put(b + "norm2.weight", new long[] {768});
            t.put(b + "norm2.bias", new long[] {768});
            t.put(b + "mlp.fc1.weight", new long[] {3072, 768});
            t.put(b + "mlp.fc1.bias", new long[] {3072});
            t.put(b + "mlp.fc2.weight", new long[] {768, 3072});
            t.put(b + "mlp.fc2.bias", new long[] {768});
        }
        t.put("norm.weight", new long[] {768});
        t.put("norm.bias", new long[] {768});
        t.put("head.weight", new long[] {1000, 768});
        t.put("head.bias", new long[] {1000});
        return t;
    }

    @BeforeAll
    static void writeCheckpoint() throws Exception {
        Map<String, long[]> tensors = vitBase16Tensors();
        long scalars = tensors.values().stream().mapToLong(SafetensorsWriter::elements).sum();
        assertEquals(86_567_656L, scalars, "timm reports 86.6 M parameters for vit_base_patch16_224");
        vitB16 = dir.resolve("model.safetensors");
        SafetensorsWriter.write(vitB16, new TreeMap<>(tensors), SafetensorsWriter::hashed);
    }

    @Test
    void vitBase16LoadsWithItsWeightsAndAFreshTwoClassHead() throws Exception {
        try (LoadedBackbone b = BackboneLoader.vit(VitConfig.base16(), vitB16, 5, Device.cpu())) {
            for (String name : new String[] {"cls_token", "pos_embed", "patch_embed.proj.weight",
                    "blocks.0.attn.qkv.weight", "blocks.11.mlp.fc2.weight", "norm.bias"}) {
                float[] loaded = b.namedParameters().get(name).getArray().toFloatArray();
                for (int i = 0; i < loaded.length; i += 97) {
                    assertEquals(SafetensorsWriter.hashed(name, i), loaded[i], 0f, name + "[" + i + "]");
                }
            }
            assertEquals(new Shape(2, 768), b.namedParameters().get("head.weight").getShape());
            float[] head = b.namedParameters().get("head.weight").getArray().toFloatArray();
            for (int i = 0; i < 16; i++) {
                assertTrue(head[i] != SafetensorsWriter.hashed("head.weight", i), "head copied from ImageNet's");
            }
        }
    }

    /** Same seed, same head (a redelivered trial starts from the same model); another seed, another head. */
    @Test
    void theFreshHeadIsSeeded(@TempDir Path tmp) throws Exception {
        VitConfig small = new VitConfig(32, 16, 32, 2, 2, 2, 2);
        Map<String, long[]> tensors = new LinkedHashMap<>();
        try (LoadedBackbone b = BackboneLoader.freshVit(small, 1, Device.cpu())) {
            b.namedParameters().forEach((k, v) -> tensors.put(k, v.getShape().getShape()));
        }
        tensors.put("head.weight", new long[] {1000, 32});
        tensors.put("head.bias", new long[] {1000});
        Path file = tmp.resolve("imagenet-head.safetensors");
        SafetensorsWriter.write(file, tensors, SafetensorsWriter::hashed);
        try (LoadedBackbone a = BackboneLoader.vit(small, file, 5, Device.cpu());
             LoadedBackbone same = BackboneLoader.vit(small, file, 5, Device.cpu());
             LoadedBackbone other = BackboneLoader.vit(small, file, 6, Device.cpu())) {
            float[] head = a.namedParameters().get("head.weight").getArray().toFloatArray();
            assertArrayEquals(head, same.namedParameters().get("head.weight").getArray().toFloatArray(), 0f);
            assertFalse(java.util.Arrays.equals(head,
                    other.namedParameters().get("head.weight").getArray().toFloatArray()));
            assertArrayEquals(a.namedParameters().get("blocks.1.mlp.fc1.weight").getArray().toFloatArray(),
                    other.namedParameters().get("blocks.1.mlp.fc1.weight").getArray().toFloatArray(), 0f,
                    "the seed changes only the head: the rest is the checkpoint's");
        }
    }

    @Test
    void aHeadOfAnotherWidthIsRefused(@TempDir Path tmp) throws Exception {
        VitConfig small = new VitConfig(32, 16, 32, 2, 2, 2, 2);
        Map<String, long[]> tensors = new LinkedHashMap<>();
        try (LoadedBackbone b = BackboneLoader.freshVit(small, 1, Device.cpu())) {
            b.namedParameters().forEach((k, v) -> tensors.put(k, v.getShape().getShape()));
        }
        tensors.put("head.weight", new long[] {1000, 48});
        Path file = tmp.resolve("head48.safetensors");
        SafetensorsWriter.write(file, tensors, SafetensorsWriter::hashed);
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> BackboneLoader.vit(small, file, 1, Device.cpu()));
        assertTrue(e.getMessage().contains("head.weight: expected (classes, 32), found (1000, 48)"), e.getMessage());
    }

    @Test
    void positionEmbeddingIsResampledToTheStudysImageSizeKeepingTheClassToken() throws Exception {
        VitConfig at112 = new VitConfig(112, 16, 768, 12, 12, 4, 2);
        float[] source = new float[197 * 768];
        for (int i = 0; i < source.length; i++) {
            source[i] = SafetensorsWriter.hashed("pos_embed", i);
        }
        try (LoadedBackbone b = BackboneLoader.vit(at112, vitB16, 5, Device.cpu());
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float[] pos = b.namedParameters().get("pos_embed").getArray().toFloatArray();
            assertEquals(new Shape(1, 50, 768), b.namedParameters().get("pos_embed").getShape());
            assertArrayEquals(java.util.Arrays.copyOf(source, 768), java.util.Arrays.copyOf(pos, 768), 0f,
                    "class token kept as it is");
            assertArrayEquals(PosEmbedResampler.resample(source, 1, 768, 7), pos, 0f);
            float[] logits = b.vit().orElseThrow().forward(new ParameterStore(m, false),
                    new NDList(m.randomNormal(new Shape(1, 3, 112, 112))), false).head().toFloatArray();
            assertEquals(2, logits.length);
            assertTrue(Float.isFinite(logits[0]) && Float.isFinite(logits[1]));
        }
    }

    @Test
    void aStudyDeclaringAnotherWidthIsToldWhichTensorAndBothShapes() {
        VitConfig vitSmall = new VitConfig(224, 16, 384, 12, 6, 4, 2);
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> BackboneLoader.vit(vitSmall, vitB16, 1, Device.cpu()));
        assertTrue(e.getMessage().contains("cls_token: expected (1, 1, 384), found (1, 1, 768)"), e.getMessage());
        assertTrue(e.getMessage().contains("patch_embed.proj.weight: expected (384, 3, 16, 16), found (768, 3, 16, 16)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("The checkpoint looks like patch 16, width 768, depth 12, mlp ratio 4.0, "
                + "pretrained at 224 px"), e.getMessage());
    }

    @Test
    void tensorsOfAnotherViTVariantAreRefusedNotIgnored(@TempDir Path tmp) throws Exception {
        VitConfig small = new VitConfig(32, 16, 32, 2, 2, 2, 2);
        Map<String, long[]> tensors = new LinkedHashMap<>();
        try (LoadedBackbone b = BackboneLoader.freshVit(small, 1, Device.cpu())) {
            b.namedParameters().forEach((k, v) -> tensors.put(k, v.getShape().getShape()));
        }
        tensors.put("blocks.0.ls1.gamma", new long[] {32}); // timm's layer scale: changes what a block computes
        tensors.remove("blocks.1.norm2.bias");
        Path file = tmp.resolve("layer-scale.safetensors");
        SafetensorsWriter.write(file, tensors, SafetensorsWriter::hashed);
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> BackboneLoader.vit(small, file, 1, Device.cpu()));
        assertTrue(e.getMessage().contains("blocks.0.ls1.gamma: unexpected (32)"), e.getMessage());
        assertTrue(e.getMessage().contains("blocks.1.norm2.bias: missing (expected (32))"), e.getMessage());
    }

    @Test
    void aFileThatIsNotSafetensorsIsRefusedAsSuch(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("model.pth");
        java.nio.file.Files.write(file, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> BackboneLoader.vit(VitConfig.tiny(), file, 1, Device.cpu()));
        assertTrue(e.getMessage().contains("model.pth is not a safetensors file"), e.getMessage());
    }
}
