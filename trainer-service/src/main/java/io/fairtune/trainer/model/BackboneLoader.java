package io.fairtune.trainer.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.study.BackboneSpec;
import io.fairtune.model.study.VitConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a {@link LoadedBackbone} from a trial's {@link BackboneSpec} and a checkpoint file. */
public final class BackboneLoader {

    /** The ResNet family's residual stages; each "layerS.B." is one maskable block. */
    private static final List<String> RESNET_STAGES = List.of("layer1.", "layer2.", "layer3.", "layer4.");

    private BackboneLoader() {
    }

    public static LoadedBackbone load(BackboneSpec spec, Path checkpoint, long seed, Device device) {
        if (!Files.isRegularFile(checkpoint)) {
            throw new InvalidCheckpointException("checkpoint " + checkpoint.getFileName() + " does not exist");
        }
        if (BackboneSpec.KIND_VIT.equals(spec.kind())) {
            return vit(spec.vit(), checkpoint, seed, device);
        }
        if (BackboneSpec.KIND_TORCHSCRIPT.equals(spec.kind())) {
            return torchScript(checkpoint, spec.imageSize(), seed, device);
        }
        throw new InvalidCheckpointException("unknown backbone kind '" + spec.kind() + "'");
    }

    /**
     * A ViT with the checkpoint's weights and a fresh, seeded head: the checkpoint's head belongs to the source
     * task (a timm checkpoint's is ImageNet's 1000 classes), so it is re-initialised for every trial, as the
     * reference does. The checkpoint may come from another image size (see {@link VitCheckpoint#load}).
     */
    public static LoadedBackbone vit(VitConfig config, Path checkpoint, long seed, Device device) {
        try {
            VitCheckpoint.check(config, checkpoint, BackboneLoader::isHead);
        } catch (IOException e) {
            throw new InvalidCheckpointException("cannot read checkpoint " + checkpoint.getFileName() + ": "
                    + e.getMessage(), e);
        }
        LoadedBackbone backbone = vit(config, seed, device, false);
        try {
            VitCheckpoint.load(backbone.vit().orElseThrow(), checkpoint, BackboneLoader::isHead);
        } catch (IOException e) {
            backbone.close();
            throw new InvalidCheckpointException("cannot read checkpoint " + checkpoint.getFileName() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            backbone.close();
            throw e;
        }
        return backbone;
    }

    private static boolean isHead(String name) {
        return name.startsWith("head.");
    }

    /** A randomly initialised ViT (seeded): used for pretraining and for tests. */
    public static LoadedBackbone freshVit(VitConfig config, long seed, Device device) {
        return vit(config, seed, device, true);
    }

    /**
     * @param randomBody false when a checkpoint overwrites everything but the head: those tensors start as
     *                   zeros instead of drawing 86 M truncated normals (ViT-B) that are thrown away
     */
    private static LoadedBackbone vit(VitConfig config, long seed, Device device, boolean randomBody) {
        Engine.getInstance().setRandomSeed((int) seed);
        VisionTransformer vit = new VisionTransformer(config);
        if (!randomBody) {
            vit.setInitializer(Initializer.ZEROS, p -> !isHead(p.getName()));
        }
        Model model = Model.newInstance("vit", device, "PyTorch");
        model.setBlock(vit);
        vit.initialize(model.getNDManager(), VisionTransformer.dataType(),
                new Shape(1, 3, config.imageSize(), config.imageSize()));
        return new LoadedBackbone(model, vit.namedParameters(), vit.layout(), config.imageSize(), Optional.of(vit));
    }

    /**
     * A TorchScript classifier with a fresh, seeded 2-class head: the first two rows of its final linear layer
     * (weight and bias) are re-initialised as PyTorch initialises a new {@code nn.Linear} (uniform within
     * 1/sqrt(fan_in)), and the binary task reads {@code logits[:, :2]} ({@link LoadedBackbone#binaryLogits}):
     * exactly a new 2-class linear head on the penultimate features, without splicing a module into a graph
     * we cannot edit. The other rows are never read. BatchNorm statistics: see {@link MaskedTorchScriptBlock}.
     */
    public static LoadedBackbone torchScript(Path file, int imageSize, long seed, Device device) {
        Model model = Model.newInstance("torchscript", device, "PyTorch");
        try {
            // trainParam: load the weights as autograd tensors; by default DJL loads them in inference mode
            model.load(file, null, Map.of("trainParam", "true"));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new InvalidCheckpointException("cannot load TorchScript module " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
        PtSymbolBlock module = (PtSymbolBlock) model.getBlock();
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : module.getParameters()) {
            named.put(p.getKey(), p.getValue());
        }
        try {
            BackboneLayout layout = layoutOf(named.keySet());
            FreshBinaryHead.initialise(named, layout.headPrefixes(), seed);
            model.setBlock(new MaskedTorchScriptBlock(module));
            return new LoadedBackbone(model, named, layout, imageSize, Optional.empty());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * ResNet-style naming: every "layerS.B." present is a block, "fc." or "linear." is the head. Other
     * TorchScript networks would declare their layout in the study; ResNets are what we can test here.
     */
    static BackboneLayout layoutOf(java.util.Collection<String> names) {
        List<String> blocks = new ArrayList<>();
        for (String stage : RESNET_STAGES) {
            for (int b = 0; ; b++) {
                String prefix = stage + b + ".";
                if (names.stream().noneMatch(n -> n.startsWith(prefix))) {
                    break;
                }
                blocks.add(prefix);
            }
        }
        List<String> head = new ArrayList<>();
        for (String h : List.of("linear.", "fc.", "head.", "classifier.")) {
            if (names.stream().anyMatch(n -> n.startsWith(h))) {
                head.add(h);
            }
        }
        if (blocks.isEmpty() || head.isEmpty()) {
            throw new InvalidCheckpointException("TorchScript module has no recognisable blocks (layerS.B.) or "
                    + "head (linear./fc./head./classifier.)");
        }
        return BackboneLayout.generic(blocks, head);
    }
}
