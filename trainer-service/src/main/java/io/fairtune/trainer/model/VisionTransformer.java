package io.fairtune.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;
import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.study.VitConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pre-norm Vision Transformer whose parameters are direct parameters of this one block, named and shaped
 * exactly like timm's {@code VisionTransformer} ({@code blocks.3.attn.qkv.weight} is [3D, D], the patch
 * embedding is a [D, 3, p, p] convolution). Keeping timm's names means a FairTune mask selects the same
 * tensors as in the paper, and a checkpoint exported from here loads into timm (and back) by name.
 *
 * <p>The forward pass can start at any block ({@link #setEntryBlock}) so that activations of a frozen
 * prefix computed once ({@link #prefix}) can be fed straight into the first trainable block.
 */
public final class VisionTransformer extends AbstractBlock {

    /** timm's LayerNorm epsilon for ViTs. */
    private static final float LN_EPS = 1e-6f;

    private final VitConfig config;
    private final int headDim;
    private final float scale;
    private int entryBlock = -1;
    private int gradientFloor = 0;

    public VisionTransformer(VitConfig config) {
        super((byte) 1);
        if (config.imageSize() % config.patchSize() != 0 || config.embedDim() % config.numHeads() != 0) {
            throw new IllegalArgumentException("inconsistent ViT shape: " + config);
        }
        this.config = config;
        this.headDim = config.embedDim() / config.numHeads();
        this.scale = (float) (1.0 / Math.sqrt(headDim));
        int d = config.embedDim();
        int p = config.patchSize();
        int hidden = d * config.mlpRatio();
        TruncatedNormalInitializer trunc = new TruncatedNormalInitializer(0.02f);
        param("cls_token", Parameter.Type.WEIGHT, new Shape(1, 1, d), trunc);
        param("pos_embed", Parameter.Type.WEIGHT, new Shape(1, tokens(), d), trunc);
        param("patch_embed.proj.weight", Parameter.Type.WEIGHT, new Shape(d, 3, p, p), null);
        param("patch_embed.proj.bias", Parameter.Type.BIAS, new Shape(d), null);
        for (int i = 0; i < config.depth(); i++) {
            String b = "blocks." + i + ".";
            param(b + "norm1.weight", Parameter.Type.GAMMA, new Shape(d), null);
            param(b + "norm1.bias", Parameter.Type.BETA, new Shape(d), null);
            param(b + "attn.qkv.weight", Parameter.Type.WEIGHT, new Shape(3L * d, d), trunc);
            param(b + "attn.qkv.bias", Parameter.Type.BIAS, new Shape(3L * d), null);
            param(b + "attn.proj.weight", Parameter.Type.WEIGHT, new Shape(d, d), trunc);
            param(b + "attn.proj.bias", Parameter.Type.BIAS, new Shape(d), null);
            param(b + "norm2.weight", Parameter.Type.GAMMA, new Shape(d), null);
            param(b + "norm2.bias", Parameter.Type.BETA, new Shape(d), null);
            param(b + "mlp.fc1.weight", Parameter.Type.WEIGHT, new Shape(hidden, d), trunc);
            param(b + "mlp.fc1.bias", Parameter.Type.BIAS, new Shape(hidden), null);
            param(b + "mlp.fc2.weight", Parameter.Type.WEIGHT, new Shape(d, hidden), trunc);
            param(b + "mlp.fc2.bias", Parameter.Type.BIAS, new Shape(d), null);
        }
        param("norm.weight", Parameter.Type.GAMMA, new Shape(d), null);
        param("norm.bias", Parameter.Type.BETA, new Shape(d), null);
        param("head.weight", Parameter.Type.WEIGHT, new Shape(config.numClasses(), d), trunc);
        param("head.bias", Parameter.Type.BIAS, new Shape(config.numClasses()), null);
    }

    private void param(String name, Parameter.Type type, Shape shape, TruncatedNormalInitializer init) {
        Parameter.Builder builder = Parameter.builder().setName(name).setType(type).optShape(shape);
        if (init != null) {
            builder.optInitializer(init);
        }
        addParameter(builder.build());
    }

    public VitConfig config() {
        return config;
    }

    public BackboneLayout layout() {
        return BackboneLayout.vit(config.depth());
    }

    /** Tokens per image: one per patch plus the class token. */
    public int tokens() {
        int g = config.imageSize() / config.patchSize();
        return g * g + 1;
    }

    /** Parameters by timm name, in timm's order. */
    public Map<String, Parameter> namedParameters() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * -1: the input is a batch of images; k in [0, depth]: the input is the token activations entering block k
     * (as returned by {@link #prefix}).
     */
    public void setEntryBlock(int entryBlock) {
        if (entryBlock < -1 || entryBlock > config.depth()) {
            throw new IllegalArgumentException("entry block " + entryBlock + " outside [-1, " + config.depth() + "]");
        }
        this.entryBlock = entryBlock;
    }

    /**
     * Activations entering block {@code floor} are detached while training. PyTorch would not record a graph
     * through frozen parameters anyway; detaching makes "no gradient below the lowest trainable block" hold
     * even if a caller leaves something below it trainable by mistake.
     */
    public void setGradientFloor(int floor) {
        this.gradientFloor = Math.max(0, floor);
    }

    /** Embedding plus blocks [0, k) in inference mode: the frozen prefix, detached from any graph. */
    public NDArray prefix(ParameterStore ps, NDArray images, int k) {
        NDArray x = embed(ps, images, false);
        for (int i = 0; i < k; i++) {
            x = block(ps, x, i, false);
        }
        return x.stopGradient();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        int start = entryBlock;
        if (start < 0) {
            x = embed(ps, x, training);
            start = 0;
        }
        for (int i = start; i < config.depth(); i++) {
            if (training && i == gradientFloor && i > 0) {
                x = x.stopGradient();
            }
            x = block(ps, x, i, training);
        }
        x = layerNorm(ps, x, "norm", training);
        NDArray cls = x.get(":, 0, :");
        return Linear.linear(cls, value(ps, "head.weight", x, training), value(ps, "head.bias", x, training));
    }

    private NDArray embed(ParameterStore ps, NDArray images, boolean training) {
        long n = images.getShape().get(0);
        int p = config.patchSize();
        NDArray patches = Conv2d.conv2d(images, value(ps, "patch_embed.proj.weight", images, training),
                value(ps, "patch_embed.proj.bias", images, training), new Shape(p, p)).head();
        long d = config.embedDim();
        NDArray tokens = patches.reshape(n, d, -1).transpose(0, 2, 1);
        // zeros + cls keeps the broadcast result on the batch's manager instead of the model's
        NDArray cls = images.getManager().zeros(new Shape(n, 1, d), images.getDataType())
                .add(value(ps, "cls_token", images, training));
        return NDArrays.concat(new NDList(cls, tokens), 1).add(value(ps, "pos_embed", images, training));
    }

    private NDArray block(ParameterStore ps, NDArray x, int i, boolean training) {
        String b = "blocks." + i + ".";
        NDArray h = attention(ps, layerNorm(ps, x, b + "norm1", training), b, training);
        x = x.add(h);
        h = layerNorm(ps, x, b + "norm2", training);
        h = Linear.linear(h, value(ps, b + "mlp.fc1.weight", x, training), value(ps, b + "mlp.fc1.bias", x, training))
                .head();
        h = Activation.gelu(h);
        h = Linear.linear(h, value(ps, b + "mlp.fc2.weight", x, training), value(ps, b + "mlp.fc2.bias", x, training))
                .head();
        return x.add(h);
    }

    private NDArray attention(ParameterStore ps, NDArray x, String b, boolean training) {
        Shape s = x.getShape();
        long n = s.get(0);
        long t = s.get(1);
        long d = config.embedDim();
        NDArray qkv = Linear.linear(x, value(ps, b + "attn.qkv.weight", x, training),
                value(ps, b + "attn.qkv.bias", x, training)).head();
        qkv = qkv.reshape(n, t, 3, config.numHeads(), headDim).transpose(2, 0, 3, 1, 4);
        NDArray q = qkv.get(0);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray attn = q.matMul(k.transpose(0, 1, 3, 2)).mul(GraphScalars.of(x, scale)).softmax(-1);
        NDArray out = attn.matMul(v).transpose(0, 2, 1, 3).reshape(n, t, d);
        return Linear.linear(out, value(ps, b + "attn.proj.weight", x, training),
                value(ps, b + "attn.proj.bias", x, training)).head();
    }

    private NDArray layerNorm(ParameterStore ps, NDArray x, String name, boolean training) {
        return LayerNorm.layerNorm(x, new Shape(config.embedDim()), value(ps, name + ".weight", x, training),
                value(ps, name + ".bias", x, training), LN_EPS).head();
    }

    private NDArray value(ParameterStore ps, String name, NDArray like, boolean training) {
        return ps.getValue(parameters.get(name), like.getDevice(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.numClasses())};
    }

    /** Total number of scalars, without allocating anything (ViT-B/16 is ~86 M). */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters.values()) {
            n += p.getShape().size();
        }
        return n;
    }

    /** The dtype every parameter is created with. */
    public static DataType dataType() {
        return DataType.FLOAT32;
    }
}
