package io.fairtune.optimizer.hostile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.optimizer.domain.Study;
import io.fairtune.optimizer.domain.Trial;
import io.fairtune.optimizer.support.Credentials;
import io.fairtune.model.testing.HostileInputs;
import io.fairtune.optimizer.support.Specs;
import io.fairtune.optimizer.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile study specs, manifests and enqueue requests, sent by an authenticated operator: each is refused with a
 * 400 (413 for an oversized body) naming the offending field, and nothing is stored. Counted in
 * target/hostile-inputs.txt.
 */
@QuarkusTest
class RestBadInputTest {

    private static final Path HOSTILE = TestData.ROOT.resolve("hostile");
    private static final Path OUTSIDE = Path.of("target/outside-data-root");
    private static HostileInputs ledger;

    @BeforeAll
    static void writeHostileFiles() throws IOException {
        ledger = HostileInputs.suite("optimizer-rest");
        TestData.ensure();
        Files.createDirectories(HOSTILE);
        Files.createDirectories(OUTSIDE);
        String header = "sample_id,path,label,split,sex,age_group\n";
        manifest("empty.csv", "");
        manifest("blank-lines.csv", "\n\n\n");
        manifest("header-only.csv", header);
        manifest("no-label.csv", "sample_id,path,split,sex\ns1,a.png,val,female\n");
        manifest("no-split.csv", "sample_id,path,label,sex\ns1,a.png,1,female\n");
        manifest("no-path.csv", "sample_id,label,split,sex\ns1,1,val,female\n");
        manifest("label-two.csv", header + "s1,a.png,2,val,female,young\n");
        manifest("label-negative.csv", header + "s1,a.png,-1,val,female,young\n");
        manifest("label-word.csv", header + "s1,a.png,yes,val,female,young\n");
        manifest("label-float.csv", header + "s1,a.png,0.5,val,female,young\n");
        manifest("duplicate-ids.csv", header + "s1,a.png,1,val,female,young\ns1,b.png,0,val,male,old\n");
        manifest("ragged.csv", header + "s1,a.png,1,val,female\n");
        manifest("bad-split.csv", header + "s1,a.png,1,holdout,female,young\n");
        manifest("empty-id.csv", header + ",a.png,1,val,female,young\n");
        manifest("duplicate-columns.csv", "sample_id,path,label,split,sex,sex\ns1,a.png,1,val,f,f\n");
        StringBuilder big = new StringBuilder(header);
        for (int i = 0; big.length() <= 300_000; i++) {
            big.append("s").append(i).append(",img/").append(i).append(".png,").append(i % 2).append(",val,female,young\n");
        }
        manifest("oversized.csv", big.toString());
        // links out of the data root: a file and a directory
        Files.writeString(OUTSIDE.resolve("manifest.csv"), Files.readString(TestData.ROOT.resolve(TestData.MANIFEST)));
        link(HOSTILE.resolve("escape.csv"), OUTSIDE.resolve("manifest.csv"));
        link(HOSTILE.resolve("escape-dir"), OUTSIDE);
    }

    private static void manifest(String name, String content) throws IOException {
        Files.writeString(HOSTILE.resolve(name), content);
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target.toAbsolutePath());
    }

    @AfterAll
    static void summary() {
        HostileInputs.writeSummary();
    }

    @BeforeEach
    void asOperator() {
        Credentials.asOperator();
    }

    private static long studies() {
        return QuarkusTransaction.requiringNew().call(() -> Study.count());
    }

    private static long trials() {
        return QuarkusTransaction.requiringNew().call(() -> Trial.count());
    }

    private static String base() {
        return Specs.study("hostile").budget(2).parallelism(1).json();
    }

    private static Arguments spec(String category, String description, String body, String field) {
        return Arguments.of(category, description, body, field);
    }

    private static Arguments replaced(String category, String from, String to, String field) {
        String b = base();
        assertTrue(b.contains(from), "test setup: base spec lacks " + from);
        return spec(category, from + " -> " + to, b.replace(from, to), field);
    }

    static Stream<Arguments> hostileSpecs() {
        String b = base();
        List<Arguments> a = new ArrayList<>();
        // malformed JSON
        for (String body : List.of("{", "}", "not json", "[]", "[1,2]", "null", "\"a string\"", "42", "true",
                "{\"name\":", b.substring(0, b.length() / 2), b + "}", "{\"name\":\"x\",}", "{'name':'x'}",
                "\u0000\u0001\u0002", "{\"name\":\"x\"}{\"name\":\"y\"}")) {
            a.add(spec("malformed JSON", body, body, null));
        }
        a.add(spec("malformed JSON", "{} (every required field missing)", "{}", "dataset"));
        // wrong types
        a.add(replaced("wrong type", "\"parallelism\":1", "\"parallelism\":\"two\"", "parallelism"));
        a.add(replaced("wrong type", "\"trialBudget\":2", "\"trialBudget\":[2]", "trialBudget"));
        a.add(replaced("wrong type", "\"seed\":7", "\"seed\":\"seven\"", "seed"));
        a.add(replaced("wrong type", "\"objectives\":[\"min_auc\"]", "\"objectives\":{\"a\":1}", "objectives"));
        a.add(replaced("wrong type", "\"epochs\":2", "\"epochs\":{}", "innerLoop.epochs"));
        a.add(replaced("wrong type", "\"augment\":false", "\"augment\":\"maybe\"", "innerLoop.augment"));
        a.add(replaced("wrong type", "\"numBlocks\":6", "\"numBlocks\":true", "backbone.numBlocks"));
        a.add(replaced("wrong type", "\"name\":\"hostile\"", "\"name\":{\"x\":1}", "name"));
        a.add(replaced("wrong type", "\"innerLoop\":{", "\"innerLoop\":5,\"x\":{", "innerLoop"));
        a.add(replaced("unknown field", "\"trialBudget\"", "\"trialbudget\"", "trialbudget"));
        // unknown enum values
        a.add(replaced("unknown enum", "\"components4\"", "\"everything\"", "searchSpace"));
        a.add(replaced("unknown enum", "\"sampler\":\"tpe\"", "\"sampler\":\"annealing\"", "sampler"));
        a.add(replaced("unknown enum", "[\"min_auc\"]", "[\"max_profit\"]", "objectives[0]"));
        a.add(replaced("unknown enum", "[\"min_auc\"]", "[\"min_auc\",\"min_auc\"]", "objectives"));
        a.add(replaced("unknown enum", "[\"min_auc\"]", "[\"min_auc\",\"auc_gap\",\"overall_auc\"]", "objectives"));
        a.add(replaced("unknown enum", "\"optimizer\":\"adamw\"", "\"optimizer\":\"lion\"", "innerLoop.optimizer"));
        a.add(replaced("unknown enum", "\"schedule\":\"cosine\"", "\"schedule\":\"sawtooth\"", "innerLoop.schedule"));
        a.add(replaced("unknown enum", "\"threshold\":\"fixed\"", "\"threshold\":\"median\"", "threshold"));
        a.add(replaced("unknown enum", "\"kind\":\"none\"", "\"kind\":\"oracle\"", "pruner.kind"));
        a.add(replaced("unknown enum", "\"kind\":\"vit\"", "\"kind\":\"resnet\"", "backbone.kind"));
        a.add(replaced("unknown enum", "\"baselines\":[]", "\"baselines\":[\"baseline:magic\"]", "finalPhase.baselines[0]"));
        // negative, zero and huge numbers
        for (String v : List.of("0", "-1", "2147483647")) {
            a.add(replaced("number out of range", "\"trialBudget\":2", "\"trialBudget\":" + v, "trialBudget"));
        }
        // beyond int: the codec refuses the document itself ("Numeric value ... out of range of int")
        for (String v : List.of("99999999999", "-99999999999")) {
            a.add(replaced("number out of range", "\"trialBudget\":2", "\"trialBudget\":" + v, "(body)"));
        }
        // a fraction is not a count: refused, never truncated
        for (String v : List.of("1.5", "1e12")) {
            a.add(replaced("wrong type", "\"trialBudget\":2", "\"trialBudget\":" + v, "trialBudget"));
        }
        for (String v : List.of("0", "-3", "100000")) {
            a.add(replaced("number out of range", "\"parallelism\":1", "\"parallelism\":" + v, "parallelism"));
        }
        for (String v : List.of("0", "-1", "100000")) {
            a.add(replaced("number out of range", "\"epochs\":2", "\"epochs\":" + v, "innerLoop.epochs"));
        }
        for (String v : List.of("0", "-16", "10000000")) {
            a.add(replaced("number out of range", "\"batchSize\":16", "\"batchSize\":" + v, "innerLoop.batchSize"));
        }
        for (String v : List.of("0", "-32", "65536")) {
            a.add(replaced("number out of range", "\"imageSize\":32,\"numBlocks\"", "\"imageSize\":" + v + ",\"numBlocks\"",
                    "backbone.imageSize"));
        }
        for (String v : List.of("-1", "1000")) {
            a.add(replaced("number out of range", "\"seeds\":0", "\"seeds\":" + v, "finalPhase.seeds"));
        }
        for (String v : List.of("-1", "1000000000")) {
            a.add(replaced("number out of range", "\"bootstrapSamples\":0", "\"bootstrapSamples\":" + v, "bootstrapSamples"));
        }
        a.add(replaced("number out of range", "\"lrMin\":1e-5", "\"lrMin\":-1", "innerLoop.lrMin"));
        a.add(replaced("number out of range", "\"lrMin\":1e-5", "\"lrMin\":0", "innerLoop.lrMin"));
        a.add(replaced("number out of range", "\"lrMax\":1e-3", "\"lrMax\":1e-7", "innerLoop.lrMax"));
        a.add(replaced("number out of range", "\"maxAttempts\":3", "\"maxAttempts\":0", "maxAttempts"));
        a.add(replaced("number out of range", "\"maxAttempts\":3", "\"maxAttempts\":100000", "maxAttempts"));
        a.add(replaced("number out of range", "\"leaseSeconds\":600", "\"leaseSeconds\":0", "leaseSeconds"));
        a.add(replaced("number out of range", "\"name\":\"hostile\"", "\"name\":\"" + "n".repeat(5000) + "\"", "name"));
        a.add(replaced("number out of range", "\"name\":\"hostile\"", "\"name\":\"\"", "name"));
        // paths that leave the data root
        for (String path : List.of("../pom.xml", "../../../../etc/passwd", "toy/../../pom.xml", "/etc/passwd",
                "//etc/passwd", "\\\\server\\\\share\\\\m.csv", "http://evil.example/m.csv", "https://evil.example/m.csv",
                "file:///etc/passwd", "s3://bucket/m.csv", "jar:file:/x.jar!/m.csv", "hostile/escape.csv",
                "hostile/escape-dir/manifest.csv", "toy/\\u0000.csv", "", "toy", "toy/missing.csv")) {
            a.add(replaced("path confinement", "\"dataset\":\"toy/manifest.csv\"", "\"dataset\":\"" + path + "\"", "dataset"));
        }
        // manifests that are not valid
        for (String m : List.of("empty.csv", "blank-lines.csv", "header-only.csv", "no-label.csv", "no-split.csv",
                "no-path.csv", "label-two.csv", "label-negative.csv", "label-word.csv", "label-float.csv",
                "duplicate-ids.csv", "ragged.csv", "bad-split.csv", "empty-id.csv", "duplicate-columns.csv",
                "oversized.csv")) {
            a.add(replaced("bad manifest", "\"dataset\":\"toy/manifest.csv\"", "\"dataset\":\"hostile/" + m + "\"", "dataset"));
        }
        a.add(replaced("bad manifest", "\"sensitiveAttribute\":\"sex\"", "\"sensitiveAttribute\":\"race\"", "sensitiveAttribute"));
        a.add(replaced("bad manifest", "\"sensitiveAttribute\":\"sex\"", "\"sensitiveAttribute\":\"label\"", "sensitiveAttribute"));
        a.add(replaced("bad manifest", "[\"age_group\"]", "[\"zodiac\"]", "reportAttributes[0]"));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostileSpecs")
    void hostileSpecIsRefusedAndNothingStored(String category, String description, String body, String field) {
        ledger.attempt(category, description, () -> {
            long studiesBefore = studies();
            long trialsBefore = trials();
            Response r = given().contentType(ContentType.JSON).body(body).post("/studies");
            assertEquals(400, r.statusCode(), () -> "expected 400 for " + description + ": " + r.asString());
            List<String> fields = r.jsonPath().getList("errors.field");
            List<String> messages = r.jsonPath().getList("errors.message");
            assertFalse(fields.isEmpty(), "a refusal names at least one field");
            assertTrue(messages.stream().allMatch(m -> m != null && !m.isBlank()), "every error has a message");
            if (field != null) {
                assertTrue(fields.contains(field), () -> "expected field " + field + " in " + r.asString());
            }
            assertEquals(studiesBefore, studies(), "no study may be stored");
            assertEquals(trialsBefore, trials(), "no trial may be stored");
        });
    }

    @Test
    void oversizedBodyIsRefusedBeforeParsing() {
        String huge = base().replace("\"name\":\"hostile\"", "\"name\":\"" + "x".repeat(200_000) + "\"");
        ledger.attempt("request size", "200 KB body (limit 64K in %test)", () -> {
            long before = studies();
            given().contentType(ContentType.JSON).body(huge).post("/studies").then().statusCode(413);
            assertEquals(before, studies());
        });
    }

    static Stream<Arguments> hostileEnqueues() {
        String ones = "1".repeat(Specs.BITS);
        return Stream.of(
                Arguments.of("{}", "mask"),
                Arguments.of("{\"mask\":\"\"}", "mask"),
                Arguments.of("{\"mask\":null}", "mask"),
                Arguments.of("{\"mask\":\"0101\"}", "mask"),
                Arguments.of("{\"mask\":\"" + ones + "1\"}", "mask"),
                Arguments.of("{\"mask\":\"" + ones.substring(1) + "2\"}", "mask"),
                Arguments.of("{\"mask\":\"" + ones.replace('1', 'x') + "\"}", "mask"),
                Arguments.of("{\"mask\":\"" + "1".repeat(100_00) + "\"}", "mask"),
                Arguments.of("{\"mask\":\"baseline:\"}", "mask"),
                Arguments.of("{\"mask\":\"baseline:magic\"}", "mask"),
                Arguments.of("{\"mask\":\"../../etc/passwd\"}", "mask"),
                Arguments.of("{\"mask\":\"baseline:full\",\"learningRate\":-1}", "learningRate"),
                Arguments.of("{\"mask\":\"baseline:full\",\"learningRate\":0}", "learningRate"),
                Arguments.of("{\"mask\":\"baseline:full\",\"learningRate\":2}", "learningRate"),
                Arguments.of("{\"mask\":\"baseline:full\",\"learningRate\":1e308}", "learningRate"),
                Arguments.of("{\"mask\":\"baseline:full\",\"learningRate\":\"fast\"}", "(body)"),
                Arguments.of("{\"mask\":42}", null),
                Arguments.of("{\"mask\":[\"1\"]}", "(body)"),
                Arguments.of("{", "(body)"),
                Arguments.of("[]", "(body)"),
                Arguments.of("not json", "(body)"));
    }

    private static String pausedStudy;

    private static synchronized String pausedStudy() {
        if (pausedStudy == null) {
            pausedStudy = given().contentType(ContentType.JSON).body(Specs.study("enqueue-target").budget(3).parallelism(1)
                    .json()).post("/studies").then().statusCode(201).extract().path("id");
            given().post("/studies/" + pausedStudy + "/pause").then().statusCode(200);
        }
        return pausedStudy;
    }

    @ParameterizedTest(name = "enqueue {0}")
    @MethodSource("hostileEnqueues")
    void hostileEnqueueIsRefusedAndNothingQueued(String body, String field) {
        String id = pausedStudy();
        ledger.attempt("enqueue bad mask", body.length() > 80 ? body.substring(0, 80) + "..." : body, () -> {
            long before = trials();
            Response r = given().contentType(ContentType.JSON).body(body).post("/studies/" + id + "/trials");
            assertEquals(400, r.statusCode(), () -> "expected 400 for " + body + ": " + r.asString());
            assertTrue(r.contentType().startsWith("application/json"), () -> "JSON error body expected, got "
                    + r.contentType() + ": " + r.asString() + " " + r.headers());
            List<String> fields = r.jsonPath().getList("errors.field");
            assertFalse(fields.isEmpty());
            if (field != null) {
                assertTrue(fields.contains(field), () -> "expected " + field + " in " + r.asString());
            }
            assertEquals(before, trials(), "nothing may be queued");
        });
    }
}
