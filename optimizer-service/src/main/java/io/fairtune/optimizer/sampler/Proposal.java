package io.fairtune.optimizer.sampler;

/** What a sampler suggests: a mask over the study's space and a learning rate in [lrMin, lrMax]. */
public record Proposal(boolean[] bits, double learningRate) {

    public String maskString() {
        return MaskSpace.toBitString(bits);
    }
}
