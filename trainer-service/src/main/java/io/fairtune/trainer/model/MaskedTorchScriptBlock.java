package io.fairtune.trainer.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Runs a TorchScript module so that the BatchNorm running statistics of frozen blocks do not move.
 *
 * <p>In PyTorch one calls {@code eval()} on the frozen sub-modules. DJL 0.35.1 can neither switch a sub-module's
 * mode nor reach a module's buffers (it exposes {@code named_parameters} only, and {@code train()}/{@code eval()}
 * of the whole module). So while the mask freezes any parameter, training steps run the whole module in
 * inference mode with autograd on: every BatchNorm normalises with its running statistics and updates none of
 * them; trainable blocks still train their weights and BatchNorm scales and shifts (the "frozen BatchNorm"
 * fine-tuning regime). When everything trains (full fine-tuning) the module trains in PyTorch's usual train mode.
 *
 * <p>{@link PtSymbolBlock#forward} would switch the module to train mode before every training forward; this
 * block sets the mode itself and calls the module through {@link IValueUtils}, where the {@code training} flag
 * only decides whether autograd records the graph.
 */
public final class MaskedTorchScriptBlock extends AbstractBlock {

    private final PtSymbolBlock module;
    private Boolean trainMode;

    public MaskedTorchScriptBlock(PtSymbolBlock module) {
        this.module = addChildBlock("torchscript", module);
    }

    public PtSymbolBlock module() {
        return module;
    }

    /** True while a training forward keeps BatchNorm statistics fixed: the mask freezes something. */
    public boolean statisticsFrozen() {
        for (var p : module.getParameters()) {
            Parameter parameter = p.getValue();
            if (!parameter.requiresGradient()) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        setTrainMode(training && !statisticsFrozen());
        return IValueUtils.forward(module, inputs, training);
    }

    private void setTrainMode(boolean train) {
        if (trainMode == null || trainMode != train) {
            if (train) {
                JniUtils.enableTrainingMode(module);
            } else {
                JniUtils.enableInferenceMode(module);
            }
            trainMode = train;
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        module.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return module.getOutputShapes(inputShapes);
    }
}
