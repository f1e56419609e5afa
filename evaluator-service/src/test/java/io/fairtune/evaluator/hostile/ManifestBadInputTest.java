package io.fairtune.evaluator.hostile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.evaluator.domain.ReportOutcome;
import io.fairtune.model.testing.HostileInputs;
import io.fairtune.evaluator.support.TestSplit;
import io.fairtune.model.messaging.TopicNames;
import io.fairtune.infra.TopicClient;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialFailed;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.study.DatasetRef;
import io.fairtune.model.study.EvaluationSpec;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Predictions that point at hostile manifests (invalid content, oversized, outside the data root) or carry an
 * evaluation spec the manifest cannot satisfy: each trial fails cleanly (TrialFailed, stage evaluation, not
 * retryable, with the reason), the stored report is FAILED with no metric, and the service keeps scoring.
 */
@QuarkusTest
class ManifestBadInputTest {

    private static final TopicClient BROKER = TopicClient.onTestBroker();

    private static final Path HOSTILE = TestSplit.DATA_ROOT.resolve("hostile");
    private static final Path OUTSIDE = Path.of("target/outside-data-root");
    private static final String HEADER = "sample_id,path,label,split,site,sex\n";
    static final TestSplit SPLIT = new TestSplit("hostile-ok", 24, 9);
    static final EvaluationSpec SPEC = TestSplit.spec(EvaluationSpec.THRESHOLD_FIXED, "min_auc");
    private static HostileInputs ledger;

    @BeforeAll
    static void files() throws IOException {
        ledger = HostileInputs.suite("evaluator-manifests");
        Files.createDirectories(HOSTILE);
        Files.createDirectories(OUTSIDE);
        Files.copy(TestSplit.DATA_ROOT.resolve(SPLIT.ref.manifest()), OUTSIDE.resolve("manifest.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        link(HOSTILE.resolve("escape.csv"), OUTSIDE.resolve("manifest.csv"));
        link(HOSTILE.resolve("escape-dir"), OUTSIDE);
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target.toAbsolutePath());
    }

    @AfterAll
    static void summary() {
        HostileInputs.writeSummary();
    }

    /** Writes the manifest and returns a reference with its true hash, so only the content is at fault. */
    private static DatasetRef manifest(String name, String content) {
        try {
            Files.createDirectories(HOSTILE);
            byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Files.write(HOSTILE.resolve(name), bytes);
            return new DatasetRef("hostile/" + name, DatasetManifest.sha256(bytes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Arguments bad(String category, String what, DatasetRef ref, EvaluationSpec spec, String split,
                                 String reason) {
        return Arguments.of(category, what, ref, spec, split, reason);
    }

    private static Arguments badManifest(String name, String content, String reason) {
        return bad("bad manifest", name, manifest(name, content), SPEC, "val", reason);
    }

    static Stream<Arguments> hostile() throws IOException {
        String outsideSha = DatasetManifest.sha256(Files.readAllBytes(
                TestSplit.DATA_ROOT.resolve(SPLIT.ref.manifest())));
        StringBuilder big = new StringBuilder(HEADER);
        for (int i = 0; big.length() <= 300_000; i++) {
            big.append("b").append(i).append(",img/").append(i).append(".png,").append(i % 2).append(",val,A,F\n");
        }
        List<Arguments> a = new ArrayList<>(List.of(
                badManifest("empty.csv", "", "manifest is empty"),
                badManifest("blank.csv", "\n\n", "manifest is empty"),
                badManifest("header-only.csv", HEADER, "no samples"),
                badManifest("no-label.csv", "sample_id,path,split,site\nx,a.png,val,A\n", "lacks required column 'label'"),
                badManifest("no-split.csv", "sample_id,path,label,site\nx,a.png,1,A\n", "lacks required column 'split'"),
                badManifest("no-id.csv", "path,label,split,site\na.png,1,val,A\n", "lacks required column 'sample_id'"),
                badManifest("label-2.csv", HEADER + "x,a.png,2,val,A,F\n", "label must be 0 or 1"),
                badManifest("label-neg.csv", HEADER + "x,a.png,-1,val,A,F\n", "label must be 0 or 1"),
                badManifest("label-word.csv", HEADER + "x,a.png,yes,val,A,F\n", "label must be 0 or 1"),
                badManifest("label-half.csv", HEADER + "x,a.png,0.5,val,A,F\n", "label must be 0 or 1"),
                badManifest("dup-ids.csv", HEADER + "x,a.png,1,val,A,F\nx,b.png,0,val,B,M\n", "duplicate sample_id"),
                badManifest("ragged.csv", HEADER + "x,a.png,1,val,A\n", "columns, header has"),
                badManifest("bad-split.csv", HEADER + "x,a.png,1,holdout,A,F\n", "split must be"),
                badManifest("empty-id.csv", HEADER + ",a.png,1,val,A,F\n", "sample_id is empty"),
                badManifest("dup-columns.csv", "sample_id,path,label,split,site,site\nx,a.png,1,val,A,A\n",
                        "duplicate columns"),
                badManifest("oversized.csv", big.toString(), "more than the limit"),
                bad("path confinement", "symlinked file out of the root", new DatasetRef("hostile/escape.csv", outsideSha),
                        SPEC, "val", "leaves the configured root"),
                bad("path confinement", "symlinked dir out of the root",
                        new DatasetRef("hostile/escape-dir/manifest.csv", outsideSha), SPEC, "val", "leaves the configured root"),
                bad("path confinement", "../", new DatasetRef("../../pom.xml", outsideSha), SPEC, "val", "'..'"),
                bad("path confinement", "absolute", new DatasetRef("/etc/passwd", outsideSha), SPEC, "val", "absolute"),
                bad("path confinement", "http URL", new DatasetRef("http://evil.example/m.csv", outsideSha), SPEC, "val", "URL"),
                bad("path confinement", "file URL", new DatasetRef("file:///etc/passwd", outsideSha), SPEC, "val", "URL"),
                bad("path confinement", "missing file", new DatasetRef("hostile/none.csv", outsideSha), SPEC, "val",
                        "cannot read"),
                bad("bad evaluation spec", "unknown sensitive attribute",
                        SPLIT.ref, new EvaluationSpec("race", List.of(), List.of("min_auc"), "fixed", 0, 1), "val",
                        "no attribute column 'race'"),
                bad("bad evaluation spec", "unknown report attribute",
                        SPLIT.ref, new EvaluationSpec("site", List.of("zodiac"), List.of("min_auc"), "fixed", 0, 1), "val",
                        "no attribute column 'zodiac'"),
                bad("bad evaluation spec", "unknown threshold rule",
                        SPLIT.ref, new EvaluationSpec("site", List.of(), List.of("min_auc"), "median", 0, 1), "val",
                        "unknown threshold rule 'median'"),
                bad("bad evaluation spec", "unknown objective",
                        SPLIT.ref, new EvaluationSpec("site", List.of(), List.of("max_profit"), "fixed", 0, 1), "val",
                        "unknown objective 'max_profit'"),
                bad("bad evaluation spec", "no objective",
                        SPLIT.ref, new EvaluationSpec("site", List.of(), List.of(), "fixed", 0, 1), "val",
                        "names no objective"),
                bad("bad evaluation spec", "unknown split", SPLIT.ref, SPEC, "holdout", "unknown split 'holdout'")));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostile")
    void trialFailsCleanlyWithTheReason(String category, String what, DatasetRef ref, EvaluationSpec spec,
                                        String split, String reason) {
        ledger.attempt(category, what, () -> {
            String trial = "hostile-" + UUID.randomUUID();
            TrialPredicted p = new TrialPredicted(1, "study-hostile", trial, 1, TrialPhase.SEARCH, "trainer-test", ref,
                    split, spec, new ArrayList<>(SPLIT.ids), SPLIT.scores.clone(), 1, 1.0, Instant.now());
            BROKER.send(TopicNames.PREDICTED, trial, EventCodec.encode(p));
            TrialFailed failed = assertInstanceOf(TrialFailed.class,
                    EventCodec.decode(BROKER.awaitOne(TopicNames.SCORED, trial).value()));
            assertEquals(TrialFailed.STAGE_EVALUATION, failed.stage());
            assertFalse(failed.retryable(), "bad input does not get better on retry");
            assertTrue(failed.reason().contains(reason), () -> "reason '" + failed.reason() + "' lacks '" + reason + "'");
            given().get("/reports/" + trial).then().statusCode(200).body("outcome", is(ReportOutcome.FAILED.name()))
                    .body("metrics", anEmptyMap());
        });
    }
}
