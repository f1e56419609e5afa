package io.fairtune.optimizer.support;

import java.util.Locale;

/** Study specs for tests: a tiny ViT with the components4 space (6 blocks x 4 bits = 24 bits). */
public final class Specs {

    public static final int BITS = 24;

    private Specs() {
    }

    public static Builder study(String name) {
        TestData.ensure();
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private int budget = 8;
        private int parallelism = 2;
        private String sampler = "tpe";
        private String objectives = "[\"min_auc\"]";
        private int leaseSeconds = 600;
        private int maxAttempts = 3;
        private int finalSeeds = 0;
        private String baselines = "[]";
        private String reevaluate = "";
        private String pruner = "{\"kind\":\"none\",\"warmupTrials\":0,\"minEpoch\":1}";
        private long seed = 7;

        Builder(String name) {
            this.name = name;
        }

        public Builder budget(int b) { budget = b; return this; }
        public Builder parallelism(int p) { parallelism = p; return this; }
        public Builder sampler(String s) { sampler = s; return this; }
        public Builder twoObjectives() { objectives = "[\"overall_auc\",\"auc_gap\"]"; return this; }
        public Builder lease(int seconds) { leaseSeconds = seconds; return this; }
        public Builder maxAttempts(int n) { maxAttempts = n; return this; }
        public Builder finalPhase(int seeds, String baselinesJson) { finalSeeds = seeds; baselines = baselinesJson; return this; }
        /** {@code finalPhase.reevaluate} as JSON, e.g. {@code {"topK":2,"seeds":3}}. */
        public Builder reevaluate(String json) { reevaluate = ",\"reevaluate\":" + json; return this; }
        public Builder medianPruner(int warmup) {
            pruner = "{\"kind\":\"median\",\"warmupTrials\":" + warmup + ",\"minEpoch\":1}";
            return this;
        }
        public Builder seed(long s) { seed = s; return this; }

        public String json() {
            return String.format(Locale.ROOT, """
                    {"name":"%s","dataset":"%s","sensitiveAttribute":"sex","reportAttributes":["age_group"],
                     "backbone":{"kind":"vit","checkpoint":"models/vit-tiny.params",
                                 "vit":{"imageSize":32,"patchSize":4,"embedDim":96,"depth":6,"numHeads":3,"mlpRatio":2,"numClasses":2},
                                 "imageSize":32,"numBlocks":6},
                     "searchSpace":"components4","objectives":%s,"sampler":"%s","trialBudget":%d,"parallelism":%d,
                     "innerLoop":{"epochs":2,"batchSize":16,"optimizer":"adamw","schedule":"cosine","warmupEpochs":0,
                                  "weightDecay":0.05,"lrMin":1e-5,"lrMax":1e-3,"augment":false,"classWeights":true},
                     "pruner":%s,"finalPhase":{"seeds":%d,"baselines":%s%s},"threshold":"fixed","bootstrapSamples":0,
                     "maxAttempts":%d,"leaseSeconds":%d,"seed":%d}
                    """, name, TestData.MANIFEST, objectives, sampler, budget, parallelism, pruner, finalSeeds, baselines,
                    reevaluate, maxAttempts, leaseSeconds, seed);
        }
    }
}
