package io.fairtune.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /**
     * Copies the checkpoint's tensors into {@code vit}'s (already initialised) parameters, except those
     * {@code keepInitialised} accepts (e.g. the head, which belongs to the source task).
     *
     * @throws InvalidCheckpointException when a name is missing or a shape differs
     */
    public static void load(VisionTransformer vit, Path file, Predicate<String> keepInitialised) throws IOException {
        try (NDManager scratch = NDManager.newBaseManager(ai.djl.Device.cpu());
             InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            NDList list;
            try {
                list = NDList.decode(scratch, in);
            } catch (RuntimeException e) {
                throw new InvalidCheckpointException("checkpoint " + file.getFileName() + " is not a readable "
                        + "safetensors file: " + e.getMessage(), e);
            }
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, Parameter> e : vit.namedParameters().entrySet()) {
                String name = e.getKey();
                if (keepInitialised.test(name)) {
                    continue;
                }
                NDArray source = list.get(name);
                NDArray target = e.getValue().getArray();
                if (source == null) {
                    problems.add(name + " missing");
                } else if (!source.getShape().equals(target.getShape())) {
                    problems.add(name + " has shape " + source.getShape() + ", model expects " + target.getShape());
                } else {
                    target.set(source.toFloatArray());
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidCheckpointException("checkpoint " + file.getFileName() + " does not fit the ViT "
                        + vit.config() + ": " + String.join("; ", problems));
            }
        }
    }
}
