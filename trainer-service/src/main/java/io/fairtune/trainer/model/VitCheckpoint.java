package io.fairtune.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import io.fairtune.model.study.VitConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * ViT weights as a safetensors file keyed by timm names, the format timm and Hugging Face read natively,
 * so a checkpoint can move between this trainer and Python without a converter.
 */
public final class VitCheckpoint {

    private VitCheckpoint() {
    }

    public static void save(VisionTransformer vit, Path file) throws IOException {
        NDList list = new NDList();
        for (Map.Entry<String, Parameter> e : vit.namedParameters().entrySet()) {
            NDArray array = e.getValue().getArray();
            array.setName(e.getKey());
            list.add(array);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            list.encode(out, NDList.Encoding.SAFETENSORS);
        }
    }

    /** Problems listed in full before the rest are summarised by count. */
    private static final int LISTED_PROBLEMS = 8;

    /**
     * Copies the checkpoint's tensors into {@code vit}'s (already initialised) parameters, except those
     * {@code keepInitialised} accepts (e.g. the head, which belongs to the source task: a timm checkpoint's
     * 1000-class head is checked for its width and otherwise ignored). Every other tensor must be present with
     * the model's shape, and the file must hold nothing else (a layer-scale or register-token variant would
     * otherwise load silently and compute something else). The position embedding may come from another image
     * size: it is resampled to the model's patch grid as timm does ({@link PosEmbedResampler}).
     *
     * @throws InvalidCheckpointException naming every tensor that is missing, unexpected or of another shape
     */
    public static void load(VisionTransformer vit, Path file, Predicate<String> keepInitialised) throws IOException {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            check(vit, st, file, keepInitialised);
            Map<String, Parameter> params = vit.namedParameters();
            int dim = vit.config().embedDim();
            int grid = vit.config().imageSize() / vit.config().patchSize();
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                String name = e.getKey();
                if (keepInitialised.test(name)) {
                    continue;
                }
                float[] values = st.readFloats(name);
                if (name.equals("pos_embed")) {
                    values = PosEmbedResampler.resample(values, 1, dim, grid);
                }
                e.getValue().getArray().set(values);
            }
        }
    }

    /**
     * Checks names and shapes only, before a model is allocated: a study that declares the wrong ViT for its
     * checkpoint fails in milliseconds instead of after initialising 86 M random weights.
     *
     * @throws InvalidCheckpointException as {@link #load}
     */
    public static void check(VitConfig config, Path file, Predicate<String> keepInitialised) throws IOException {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            check(new VisionTransformer(config), st, file, keepInitialised);
        }
    }

    /** Shapes come from the parameters' declarations, so {@code vit} need not be initialised. */
    private static void check(VisionTransformer vit, SafetensorsFile st, Path file, Predicate<String> keepInitialised) {
        Map<String, SafetensorsFile.Entry> found = st.entries();
        Map<String, Parameter> params = vit.namedParameters();
        int dim = vit.config().embedDim();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            String name = e.getKey();
            long[] expected = e.getValue().getShape().getShape();
            SafetensorsFile.Entry entry = found.get(name);
            if (keepInitialised.test(name)) {
                if (entry != null && !replacedTensorFits(entry.shape(), expected)) {
                    problems.add(name + ": expected (classes" + text(expected).substring(2) + ", found "
                            + entry.shapeText());
                }
            } else if (entry == null) {
                problems.add(name + ": missing (expected " + text(expected) + ")");
            } else if (name.equals("pos_embed") ? !isPosEmbed(entry.shape(), dim)
                    : !Arrays.equals(entry.shape(), expected)) {
                problems.add(name + ": expected " + (name.equals("pos_embed") ? "(1, 1 + a square number, "
                        + dim + ")" : text(expected)) + ", found " + entry.shapeText());
            }
        }
        for (Map.Entry<String, SafetensorsFile.Entry> e : found.entrySet()) {
            if (!params.containsKey(e.getKey())) {
                problems.add(e.getKey() + ": unexpected " + e.getValue().shapeText()
                        + " (not a tensor of timm's plain class-token ViT)");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCheckpointException(describe(file, vit.config(), found, problems));
        }
    }

    /** A replaced tensor (the head) may have any number of classes but must read the model's width. */
    private static boolean replacedTensorFits(long[] found, long[] expected) {
        if (found.length != expected.length) {
            return false;
        }
        for (int i = 1; i < found.length; i++) {
            if (found[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPosEmbed(long[] shape, int dim) {
        if (shape.length != 3 || shape[0] != 1 || shape[2] != dim || shape[1] < 2) {
            return false;
        }
        long grid = Math.round(Math.sqrt(shape[1] - 1));
        return grid * grid == shape[1] - 1;
    }

    private static String describe(Path file, VitConfig config,
                                   Map<String, SafetensorsFile.Entry> found, List<String> problems) {
        StringBuilder sb = new StringBuilder("checkpoint ").append(file.getFileName())
                .append(" does not fit the study's ViT (patch ").append(config.patchSize()).append(", width ")
                .append(config.embedDim()).append(", depth ").append(config.depth()).append("): ");
        sb.append(String.join("; ", problems.subList(0, Math.min(LISTED_PROBLEMS, problems.size()))));
        if (problems.size() > LISTED_PROBLEMS) {
            sb.append("; and ").append(problems.size() - LISTED_PROBLEMS).append(" more");
        }
        String looksLike = looksLike(found);
        if (!looksLike.isEmpty()) {
            sb.append(". The checkpoint looks like ").append(looksLike);
        }
        return sb.toString();
    }

    /** The checkpoint's own shape, read from the tensors that fix it, to say what the study should declare. */
    private static String looksLike(Map<String, SafetensorsFile.Entry> found) {
        List<String> parts = new ArrayList<>();
        SafetensorsFile.Entry patch = found.get("patch_embed.proj.weight");
        if (patch != null && patch.shape().length == 4) {
            parts.add("patch " + patch.shape()[2]);
            parts.add("width " + patch.shape()[0]);
        }
        int depth = 0;
        while (found.containsKey("blocks." + depth + ".norm1.weight")) {
            depth++;
        }
        parts.add("depth " + depth);
        SafetensorsFile.Entry fc1 = found.get("blocks.0.mlp.fc1.weight");
        if (fc1 != null && fc1.shape().length == 2 && fc1.shape()[1] > 0) {
            parts.add("mlp ratio " + fc1.shape()[0] / (double) fc1.shape()[1]);
        }
        SafetensorsFile.Entry pos = found.get("pos_embed");
        if (pos != null && pos.shape().length == 3 && patch != null && patch.shape().length == 4) {
            long grid = Math.round(Math.sqrt(pos.shape()[1] - 1));
            parts.add("pretrained at " + grid * patch.shape()[2] + " px");
        }
        return String.join(", ", parts);
    }

    private static String text(long[] shape) {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }
}
