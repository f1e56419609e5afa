package io.fairtune.model.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StudySpecValidatorTest {

    static final String VALID_YAML = """
            name: ham-sex-min-auc
            dataset: ham10000/manifest.csv
            sensitiveAttribute: sex
            reportAttributes: [age_binary]
            backbone:
              kind: vit
              checkpoint: vit-tiny-utkface.params
              imageSize: 32
              numBlocks: 6
              vit: {imageSize: 32, patchSize: 4, embedDim: 96, depth: 6, numHeads: 3, mlpRatio: 2, numClasses: 2}
            searchSpace: blocks
            objectives: [min_auc]
            sampler: tpe
            trialBudget: 12
            parallelism: 2
            seed: 7
            """;

    private final StudySpecValidator validator = new StudySpecValidator(StudyLimits.defaults());

    @Test
    void aValidYamlSpecGetsItsDefaults() {
        StudySpec spec = validator.validated(StudySpecCodec.fromYaml(VALID_YAML));
        assertEquals(12, spec.trialBudget());
        assertEquals(InnerLoopSpec.defaults(), spec.innerLoop());
        assertEquals(PrunerSpec.none(), spec.pruner());
        assertEquals(7L, spec.seed());
        assertEquals(List.of(Objective.MIN_AUC), spec.objectiveList());
        assertEquals(new EvaluationSpec("sex", List.of("age_binary"), List.of("min_auc"), "fixed", 200, 7L),
                spec.evaluationSpec());
    }

    @Test
    void jsonRoundTripIsLossless() {
        StudySpec spec = validator.validated(StudySpecCodec.fromYaml(VALID_YAML));
        assertEquals(spec, StudySpecCodec.fromJson(StudySpecCodec.toJson(spec)));
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        String yaml = VALID_YAML
                .replace("searchSpace: blocks", "searchSpace: everything")
                .replace("objectives: [min_auc]", "objectives: [min_auc, fairness]")
                .replace("trialBudget: 12", "trialBudget: 0")
                .replace("parallelism: 2", "parallelism: 1000")
                .replace("numHeads: 3", "numHeads: 5")
                .replace("sensitiveAttribute: sex", "sensitiveAttribute: ''");
        InvalidStudySpecException e = assertThrows(InvalidStudySpecException.class,
                () -> validator.validated(StudySpecCodec.fromYaml(yaml)));
        Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertEquals(Set.of("searchSpace", "objectives[1]", "trialBudget", "parallelism", "backbone.vit.numHeads",
                "sensitiveAttribute"), fields, e.getMessage());
        assertTrue(e.getMessage().contains("parallelism: must be between 1 and 64, was 1000"), e.getMessage());
    }

    @Test
    void startupTrialsDefaultAsOptunaAndABudgetThatDoesNotExceedThemIsWarnedAbout() {
        StudySpec spec = validator.validated(StudySpecCodec.fromYaml(VALID_YAML));
        assertEquals(10, spec.startupTrials());
        assertEquals(List.of("trialBudget 10 does not exceed startupTrials 10: the tpe sampler never runs, every "
                        + "search trial is drawn at random; raise trialBudget or lower startupTrials"),
                StudySpecValidator.warnings(validator.validated(StudySpecCodec.fromYaml(
                        VALID_YAML.replace("trialBudget: 12", "trialBudget: 10")))));
        assertEquals(List.of(), StudySpecValidator.warnings(validator.validated(StudySpecCodec.fromYaml(
                VALID_YAML.replace("trialBudget: 12", "trialBudget: 10") + "startupTrials: 4\n"))));
        assertEquals(List.of(), StudySpecValidator.warnings(validator.validated(StudySpecCodec.fromYaml(
                VALID_YAML.replace("sampler: tpe", "sampler: random")))), "random search has no model to start");
        InvalidStudySpecException e = assertThrows(InvalidStudySpecException.class, () -> validator.validated(
                StudySpecCodec.fromYaml(VALID_YAML + "startupTrials: -1\n")));
        assertEquals(List.of("startupTrials"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        InvalidStudySpecException e = assertThrows(InvalidStudySpecException.class,
                () -> validator.validated(StudySpecCodec.fromJson("{}")));
        Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertTrue(fields.containsAll(Set.of("name", "dataset", "sensitiveAttribute", "backbone", "searchSpace",
                "trialBudget")), fields.toString());
    }

    @Test
    void unknownFieldsAndWrongTypesNameTheField() {
        InvalidStudySpecException unknown = assertThrows(InvalidStudySpecException.class,
                () -> StudySpecCodec.fromYaml(VALID_YAML + "trialbudget: 5\n"));
        assertEquals("trialbudget", unknown.errors().get(0).field());
        InvalidStudySpecException wrongType = assertThrows(InvalidStudySpecException.class,
                () -> StudySpecCodec.fromYaml(VALID_YAML.replace("trialBudget: 12", "trialBudget: twelve")));
        assertEquals("trialBudget", wrongType.errors().get(0).field());
        InvalidStudySpecException nested = assertThrows(InvalidStudySpecException.class,
                () -> StudySpecCodec.fromYaml(VALID_YAML.replace("depth: 6", "depth: [6]")));
        assertEquals("backbone.vit.depth", nested.errors().get(0).field());
        InvalidStudySpecException fraction = assertThrows(InvalidStudySpecException.class,
                () -> StudySpecCodec.fromJson("{\"trialBudget\": 1.5}"));
        assertEquals("trialBudget", fraction.errors().get(0).field());
        InvalidStudySpecException trailing = assertThrows(InvalidStudySpecException.class,
                () -> StudySpecCodec.fromJson("{\"name\": \"x\"}}"));
        assertEquals("(body)", trailing.errors().get(0).field());
        InvalidStudySpecException garbage = assertThrows(InvalidStudySpecException.class,
                () -> StudySpecCodec.fromJson("{\"name\": "));
        assertEquals("(body)", garbage.errors().get(0).field());
    }

    @Test
    void limitsComeFromConfiguration() {
        StudySpecValidator strict = new StudySpecValidator(new StudyLimits(10, 2, 5, 64, 64, 3, 1000, 3, 50));
        InvalidStudySpecException e = assertThrows(InvalidStudySpecException.class,
                () -> strict.validated(StudySpecCodec.fromYaml(VALID_YAML.replace("trialBudget: 12", "trialBudget: 11"))));
        assertEquals(List.of(new FieldError("trialBudget", "must be between 1 and 10, was 11")), e.errors());
    }

    @Test
    void nsga2NeedsTwoObjectives() {
        InvalidStudySpecException e = assertThrows(InvalidStudySpecException.class,
                () -> validator.validated(StudySpecCodec.fromYaml(VALID_YAML.replace("sampler: tpe", "sampler: nsga2"))));
        assertEquals("sampler", e.errors().get(0).field());
        StudySpec two = validator.validated(StudySpecCodec.fromYaml(VALID_YAML.replace("sampler: tpe", "sampler: nsga2")
                .replace("objectives: [min_auc]", "objectives: [overall_auc, auc_gap]")));
        assertTrue(two.multiObjective());
    }

    @Test
    void theRecipeOffersGradientClippingAndWarmupAndNamesBadValues() {
        StudySpec spec = validator.validated(StudySpecCodec.fromYaml(VALID_YAML + """
                innerLoop: {epochs: 4, batchSize: 32, optimizer: adamw, schedule: cosine, warmupEpochs: 1,
                            weightDecay: 0.05, lrMin: 1.0e-5, lrMax: 1.0e-3, augment: false, classWeights: true,
                            maxGradNorm: 1.0}
                """));
        assertEquals(1.0, spec.innerLoop().maxGradNorm());
        assertEquals(1, spec.innerLoop().warmupEpochs());
        assertEquals(spec, StudySpecCodec.fromJson(StudySpecCodec.toJson(spec)), "maxGradNorm survives the codec");
        assertEquals(null, validator.validated(StudySpecCodec.fromYaml(VALID_YAML)).innerLoop().maxGradNorm(),
                "no clipping unless asked for");
        for (String bad : List.of("0", "-1.5")) {
            InvalidStudySpecException e = assertThrows(InvalidStudySpecException.class, () -> validator.validated(
                    StudySpecCodec.fromYaml(VALID_YAML + """
                            innerLoop: {epochs: 4, batchSize: 32, optimizer: adamw, schedule: cosine, warmupEpochs: 4,
                                        weightDecay: 0.05, lrMin: 1.0e-5, lrMax: 1.0e-3, augment: false,
                                        classWeights: true, maxGradNorm: %s}
                            """.formatted(bad))));
            assertEquals(List.of("innerLoop.warmupEpochs", "innerLoop.maxGradNorm"),
                    e.errors().stream().map(FieldError::field).toList(), bad);
            assertTrue(e.errors().get(1).message().startsWith("must be a positive number"), e.getMessage());
        }
    }

    @Test
    void reevaluationGetsItsDefaultsAndNamesBadFields() {
        StudySpec spec = validator.validated(StudySpecCodec.fromYaml(VALID_YAML
                + "finalPhase: {seeds: 3, baselines: [full], reevaluate: {}}\n"));
        assertEquals(new ReevaluationSpec(3, 3, "mean"), spec.finalPhase().reevaluate());
        assertEquals(spec, StudySpecCodec.fromJson(StudySpecCodec.toJson(spec)));
        assertEquals(null, validator.validated(StudySpecCodec.fromYaml(VALID_YAML)).finalPhase().reevaluate(),
                "off unless asked for");
        assertEquals(List.of(), StudySpecValidator.warnings(spec));
        InvalidStudySpecException e = assertThrows(InvalidStudySpecException.class, () -> validator.validated(
                StudySpecCodec.fromYaml(VALID_YAML
                        + "finalPhase: {seeds: 3, baselines: [], reevaluate: {topK: 0, seeds: 1, select: ci-low}}\n")));
        assertEquals(List.of(new FieldError("finalPhase.reevaluate.topK", "must be between 1 and 5000, was 0"),
                new FieldError("finalPhase.reevaluate.select", "ci-low needs at least 2 seeds (a confidence interval "
                        + "over one seed does not exist), was 1")), e.errors());
        InvalidStudySpecException unknown = assertThrows(InvalidStudySpecException.class, () -> validator.validated(
                StudySpecCodec.fromYaml(VALID_YAML + "finalPhase: {seeds: 3, baselines: [], reevaluate: {select: best}}\n")));
        assertEquals("finalPhase.reevaluate.select", unknown.errors().get(0).field());
        assertEquals(List.of("finalPhase.reevaluate is set but finalPhase.seeds is 0: the re-evaluated winner is never "
                + "scored on test, so the report cannot show its test score"), StudySpecValidator.warnings(
                validator.validated(StudySpecCodec.fromYaml(VALID_YAML + "finalPhase: {seeds: 0, baselines: [], "
                        + "reevaluate: {topK: 2}}\n"))));
    }
}
