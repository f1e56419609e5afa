package io.fairtune.model.study;

import io.fairtune.model.data.ConfinedPaths;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.data.InvalidManifestException;
import io.fairtune.model.space.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a study must pass before anything is stored or started: the spec's own rules (within the
 * deployment's limits), the manifest under the data root (confined, readable, with the named attribute columns,
 * split by subject), and a budget the space can hold without repeating a mask. All problems are reported at once.
 * The optimizer admits every study through it; the launcher checks a study file with it before it starts a cluster.
 */
public final class StudyAdmissionCheck {

    /** A spec that passed, with the manifest identity every trial will carry. */
    public record Admitted(StudySpec spec, DatasetRef dataset) {
    }

    private final StudyLimits limits;
    private final Path dataRoot;
    private final long maxManifestBytes;

    public StudyAdmissionCheck(StudyLimits limits, Path dataRoot, long maxManifestBytes) {
        this.limits = limits;
        this.dataRoot = dataRoot;
        this.maxManifestBytes = maxManifestBytes;
    }

    /** @throws InvalidStudySpecException naming every field that is wrong */
    public Admitted admit(StudySpec parsed) {
        StudySpec spec = parsed.withDefaults();
        List<FieldError> errors = new ArrayList<>(new StudySpecValidator(limits).validate(spec));
        DatasetRef dataset = checkManifest(spec, errors);
        checkBudgetFitsSpace(spec, errors);
        if (!errors.isEmpty()) {
            throw new InvalidStudySpecException(errors);
        }
        return new Admitted(spec, dataset);
    }

    private DatasetRef checkManifest(StudySpec spec, List<FieldError> errors) {
        if (spec.dataset() == null || spec.dataset().isBlank()) {
            return null;
        }
        Path path;
        try {
            path = ConfinedPaths.resolve(dataRoot, spec.dataset(), "dataset");
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("dataset", e.getMessage().replaceFirst("^dataset: ", "")));
            return null;
        }
        if (!Files.isRegularFile(path)) {
            errors.add(new FieldError("dataset", "no manifest file '" + spec.dataset() + "' under the data root"));
            return null;
        }
        DatasetManifest manifest;
        try {
            manifest = DatasetManifest.load(path, maxManifestBytes);
        } catch (InvalidManifestException e) {
            errors.add(new FieldError("dataset", e.getMessage()));
            return null;
        }
        if (spec.sensitiveAttribute() != null && !spec.sensitiveAttribute().isBlank()
                && !manifest.hasAttribute(spec.sensitiveAttribute())) {
            errors.add(new FieldError("sensitiveAttribute", "'" + spec.sensitiveAttribute()
                    + "' is not a column of the manifest (attributes: " + manifest.attributes() + ")"));
        }
        for (int i = 0; i < spec.reportAttributes().size(); i++) {
            String a = spec.reportAttributes().get(i);
            if (!manifest.hasAttribute(a)) {
                errors.add(new FieldError("reportAttributes[" + i + "]", "'" + a
                        + "' is not a column of the manifest (attributes: " + manifest.attributes() + ")"));
            }
        }
        return new DatasetRef(spec.dataset(), manifest.sha256());
    }

    /** A study never repeats a mask, so its budget must fit in the 2^bits masks of its space. */
    private static void checkBudgetFitsSpace(StudySpec spec, List<FieldError> errors) {
        int bits = maskBits(spec);
        if (bits > 0 && bits < 31 && spec.trialBudget() != null && spec.trialBudget() > (1 << bits)) {
            errors.add(new FieldError("trialBudget", "the space has only " + (1 << bits)
                    + " distinct masks and a study never repeats one"));
        }
    }

    public static int maskBits(StudySpec spec) {
        if (spec.backbone() == null || spec.searchSpace() == null) {
            return -1;
        }
        return SearchSpace.byId(spec.searchSpace()).map(s -> s.bits(spec.backbone().numBlocks())).orElse(-1);
    }
}
