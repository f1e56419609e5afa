package io.fairtune.trainer.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.fairtune.model.space.BackboneLayout;
import java.util.Map;
import java.util.Optional;

/**
 * A backbone ready to fine-tune: its DJL model, its parameters under the names masks refer to, and where
 * its blocks are. Loaded fresh for every trial so that no fine-tuned weight leaks into the next one.
 *
 * @param vit present for the project's ViT, which supports the frozen-prefix cache
 */
public record LoadedBackbone(Model model, Map<String, Parameter> namedParameters, BackboneLayout layout,
                             int imageSize, Optional<VisionTransformer> vit) implements AutoCloseable {

    /**
     * The two logits the binary task trains. A TorchScript classifier pretrained with more classes (the
     * CIFAR-10 ResNet has 10) is read through its first two outputs, whose rows of the final linear layer
     * {@link BackboneLoader#torchScript} re-initialised: a fresh 2-class linear head on the penultimate
     * features, without splicing a module into a graph we cannot edit.
     */
    public NDArray binaryLogits(NDArray logits) {
        long classes = logits.getShape().get(1);
        if (classes == 2) {
            return logits;
        }
        if (classes < 2) {
            throw new IllegalStateException("backbone outputs " + classes + " logits; a binary task needs 2");
        }
        return logits.get(":, :2");
    }

    /**
     * Whether training changes state that is not a parameter: a TorchScript module trained whole runs in
     * PyTorch's train mode and moves its BatchNorm running statistics, which DJL cannot read (so a checkpoint
     * could not hold them). Meaningful once the mask is applied.
     */
    public boolean trainsHiddenBuffers() {
        return model.getBlock() instanceof MaskedTorchScriptBlock block && !block.statisticsFrozen();
    }

    @Override
    public void close() {
        model.close();
    }
}
