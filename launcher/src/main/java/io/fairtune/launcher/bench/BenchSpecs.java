package io.fairtune.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two studies of one replicate, derived from a template spec (the demo's): the searched arm (TPE, with full
 * fine-tuning and linear readout as final-phase baselines) and random search with the same seed, budget, pruner
 * and re-evaluation, so that "searched − random" compares the samplers and nothing else.
 */
public final class BenchSpecs {

    public static final String SEARCHED = "tpe";
    public static final String RANDOM = "random";

    private BenchSpecs() {
    }

    public static ObjectNode spec(JsonNode template, BenchSettings s, String attribute, int replicate, String sampler) {
        ObjectNode spec = template.deepCopy();
        spec.put("name", "bench-" + attribute + "-r" + replicate + "-" + sampler);
        spec.put("sensitiveAttribute", attribute);
        spec.putArray("reportAttributes");
        spec.put("sampler", sampler);
        spec.put("startupTrials", s.startupTrials());
        spec.put("trialBudget", s.budget());
        spec.put("parallelism", s.parallelism());
        spec.put("seed", s.studySeed(replicate));
        if (!(spec.get("innerLoop") instanceof ObjectNode loop)) {
            throw new IllegalArgumentException("the template spec needs an innerLoop (the recipe every arm uses)");
        }
        loop.put("epochs", s.epochs());
        ObjectNode pruner = spec.putObject("pruner");
        pruner.put("kind", "successive-halving").put("warmupTrials", s.prunerWarmup()).put("minEpoch", 1);
        ObjectNode finalPhase = spec.putObject("finalPhase");
        finalPhase.put("seeds", s.finalSeeds());
        ArrayNode baselines = finalPhase.putArray("baselines");
        if (SEARCHED.equals(sampler)) {
            baselines.add("full").add("linear-readout");
        }
        if (s.reevaluateTopK() > 0) {
            finalPhase.putObject("reevaluate").put("topK", s.reevaluateTopK()).put("seeds", s.reevaluateSeeds());
        }
        return spec;
    }
}
