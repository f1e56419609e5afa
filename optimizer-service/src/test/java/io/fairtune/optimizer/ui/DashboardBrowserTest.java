package io.fairtune.optimizer.ui;

import io.fairtune.model.testing.HeadlessChromium;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fairtune.infra.quarkus.KafkaTestResource;
import io.fairtune.infra.quarkus.PostgresTestResource;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.optimizer.security.ApiKeyAuthenticationMechanism;
import io.fairtune.optimizer.support.Credentials;
import io.fairtune.optimizer.support.FakeWorkers;
import io.fairtune.optimizer.support.Specs;
import io.fairtune.optimizer.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against the running optimizer (real broker and database; the test plays
 * trainer and evaluator): sign-in and the 401 path, a finished two-objective study with a final phase whose charts
 * must show exactly the points the REST API implies, exports equal to the REST API, a viewer refused operator
 * actions, and a live update while a trial finishes.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "optimizer"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OBJECTIVES = List.of("overall_auc", "auc_gap");

    @TestHTTPResource("/ui/")
    URL ui;

    private static HeadlessChromium chromium;
    private static FakeWorkers workers;
    private static String finished;

    @BeforeAll
    static void start() {
        chromium = new HeadlessChromium();
        workers = new FakeWorkers();
    }

    @AfterAll
    static void stop() {
        if (workers != null) {
            workers.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void noDefaultCredentials() {
        Credentials.anonymous();
    }

    @Test
    @Order(1)
    void withoutCredentialsEveryReadIs401AndThePageAsksToSignIn() {
        for (String path : List.of("/studies", "/ui/api/studies/any/trials", "/ui/api/studies/any/bit-effects",
                "/ui/api/studies/any/export/trials")) {
            given().get(path).then().statusCode(401).contentType(ContentType.JSON)
                    .body("errors[0].field", is("authentication"))
                    .body("errors[0].message", containsString(ApiKeyAuthenticationMechanism.HEADER));
        }
        // the page and the chart library are static files without data, served without credentials
        given().redirects().follow(false).get("/ui").then().statusCode(302).header("Location", "ui/");
        given().redirects().follow(false).get("/").then().statusCode(302).header("Location", "ui/");
        given().get("/ui/").then().statusCode(200).body(containsString("<main id=\"app\">"))
                .header("Content-Security-Policy", containsString("default-src 'self'"));
        given().get("/webjars/echarts/5.3.1/dist/echarts.esm.min.js").then().statusCode(200)
                .header("Content-Length", Integer::parseInt, org.hamcrest.Matchers.greaterThan(900_000));

        ChromeDriver browser = chromium.driver();
        browser.get(ui.toString());
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        String message = waitFor(d -> d.findElement(By.id("auth-message")).getText());
        assertTrue(message.contains("X-API-Key"), message);
        signIn("not-a-configured-key");
        // the form is drawn again with the answer to the wrong key
        String refused = waitFor(d -> {
            String now = d.findElement(By.id("auth-message")).getText();
            return now.equals(message) ? null : now;
        });
        assertTrue(refused.startsWith("credentials refused"), refused);
    }

    @Test
    @Order(2)
    void aViewerSeesAFinishedStudyAndEveryChartHasThePointsTheApiImplies() throws Exception {
        finished = finishedStudy();
        signInAsViewer();
        assertTrue(waitFor(d -> d.findElement(By.cssSelector("tr[data-study='" + finished + "']")).getText())
                .contains("dashboard-finished"));
        open(finished);

        List<JsonNode> trials = restTrials(finished);
        List<JsonNode> search = trials.stream().filter(t -> t.path("phase").asText().equals("SEARCH")).toList();
        List<JsonNode> complete = search.stream().filter(t -> t.path("state").asText().equals("COMPLETE")
                && t.path("objectives").path(0).isNumber()).toList();
        assertTrue(complete.size() >= 6, "enough completed trials to chart: " + complete.size());
        assertEquals("objective:" + complete.size() + ",best so far:" + bestSoFarPoints(complete, true),
                points("chart-history"));

        long intermediateKept = 0;
        long intermediatePruned = 0;
        for (JsonNode t : search) {
            long n = t.path("intermediate").size();
            if (t.path("state").asText().equals("PRUNED")) {
                intermediatePruned += n;
            } else {
                intermediateKept += n;
            }
        }
        assertEquals("completed or running:" + intermediateKept + ",pruned:" + intermediatePruned,
                points("chart-intermediate"));

        JsonNode pareto = rest("/studies/" + finished + "/pareto");
        long scored = complete.stream().filter(t -> t.path("metrics").path("min_auc").isNumber()
                && t.path("metrics").path("auc_gap").isNumber()).count();
        assertTrue(pareto.size() >= 1);
        assertEquals("trials:" + (scored - pareto.size()) + ",Pareto front:" + pareto.size() + ",selected trial:1",
                points("chart-fairness"));

        WebElement mask = chromium.driver().findElement(By.id("mask-view"));
        assertEquals(String.valueOf(complete.size()), mask.getDomAttribute("data-rows"));
        assertEquals(String.valueOf(Specs.BITS), mask.getDomAttribute("data-bits"));

        JsonNode effects = rest("/ui/api/studies/" + finished + "/bit-effects");
        assertEquals("blocks.1.attn", effects.path("bits").path(5).path("name").asText(), "components4: bit 5");
        int withEffect = 0;
        int withInterval = 0;
        for (JsonNode b : effects.path("bits")) {
            withEffect += b.path("effect").isNumber() ? 1 : 0;
            withInterval += b.path("ciLow").isNumber() ? 1 : 0;
        }
        assertEquals("effect:" + withEffect + ",95% CI:" + withInterval, points("chart-bits"));

        assertEquals("AUC:2,TPR:2,FPR:2,AUC 95% CI:2,TPR 95% CI:2,FPR 95% CI:2", points("chart-groups"));

        JsonNode report = rest("/studies/" + finished + "/report");
        long finalScored = trials.stream().filter(t -> t.path("phase").asText().equals("FINAL")
                && t.path("state").asText().equals("COMPLETE")).count();
        assertEquals(2, report.path("arms").size(), "best mask and linear readout");
        assertEquals("seed:" + finalScored + ",mean:2,95% CI:2", points("chart-final"));
        assertEquals(finalScored + 2, chromium.driver().findElements(By.cssSelector("#final tbody tr")).size());

        assertEquals(Math.min(50, trials.size()),
                chromium.driver().findElements(By.cssSelector("#trials tbody tr")).size());
        assertTrue(text("page").endsWith("(" + trials.size() + " trials)"), text("page"));
        // clicking a row selects that trial for the per-group bars
        JsonNode other = complete.get(complete.size() - 1);
        chromium.driver().findElement(By.cssSelector("#trials tr[data-trial='" + other.path("number").asInt() + "']"))
                .click();
        waitFor(d -> d.findElement(By.id("groups-note")).getText()
                .startsWith("Trial #" + other.path("number").asInt() + " ") ? true : null);
        screenshot("target/dashboard-optimizer-test.png");
    }

    @Test
    @Order(3)
    void aViewerCannotCallOperatorActionsFromTheDashboard() {
        assertTrue(finished != null, "runs after the finished study exists");
        open(finished);
        ChromeDriver browser = chromium.driver();
        for (WebElement button : browser.findElements(By.tagName("button"))) {
            String label = button.getText().toLowerCase();
            assertFalse(label.matches(".*(pause|resume|cancel|create|enqueue|delete).*"), "an operator action: " + label);
        }
        // the viewer's own credential, sent by the page's code to an operator endpoint
        @SuppressWarnings("unchecked")
        List<Object> answer = (List<Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('../studies/' + arguments[0] + '/pause', {method: 'POST',
                    headers: {'X-API-Key': sessionStorage.getItem('fairtune.credential')}})
                  .then(r => r.json().then(b => done([r.status, b.errors[0].field])));
                """, finished);
        assertEquals(List.of(403L, "authorization"), answer);
        // the same request as an operator is judged on the study's state instead: the 403 was the role
        given().header(ApiKeyAuthenticationMechanism.HEADER, Credentials.operatorKey())
                .post("/studies/" + finished + "/pause").then().statusCode(409);
        viewer().get("/studies/" + finished).then().body("state", is("COMPLETED"));
    }

    @Test
    @Order(4)
    void exportsAreWhatTheRestApiSays() throws Exception {
        open(finished);
        String csv = download("export-trials-csv", "dashboard-finished-trials.csv");
        assertEquals(viewer().get("/ui/api/studies/" + finished + "/export/trials?format=csv").asString(), csv);
        List<Map<String, String>> rows = parseCsv(csv);
        List<JsonNode> trials = restTrials(finished);
        assertEquals(trials.size(), rows.size());
        int epochsChecked = 0;
        for (int i = 0; i < trials.size(); i++) {
            JsonNode t = trials.get(i);
            Map<String, String> row = rows.get(i);
            assertEquals(t.path("number").asText(), row.get("Trial"));
            assertEquals(t.path("phase").asText(), row.get("Phase"));
            assertEquals(t.path("state").asText(), row.get("State"));
            assertEquals(t.path("mask").asText(), row.get("Mask"));
            assertEquals(t.path("learningRate").asDouble(), Double.parseDouble(row.get("Learning rate")));
            assertEquals(t.path("attempt").asText(), row.get("Attempts"));
            assertEquals(t.path("trainerId").asText(""), row.get("Trainer"));
            assertEquals(t.path("failureReason").asText(""), row.get("Pruned/failed reason"));
            for (int o = 0; o < OBJECTIVES.size(); o++) {
                assertSameNumber(t.path("objectives").path(o), row.get("Objective " + OBJECTIVES.get(o)));
            }
            JsonNode m = t.path("metrics");
            assertSameNumber(m.path("overall.auc"), row.get("Overall AUC"));
            assertSameNumber(m.path("min_auc"), row.get("Worst-group AUC"));
            assertSameNumber(m.path("min_auc.ci_low"), row.get("Worst-group AUC CI low"));
            assertSameNumber(m.path("auc_gap"), row.get("AUC gap"));
            assertSameNumber(m.path("eodds_diff"), row.get("EqOdd"));
            var epochs = t.path("intermediate").fields();
            while (epochs.hasNext()) {
                var e = epochs.next();
                assertSameNumber(e.getValue(), row.get("Epoch " + e.getKey() + " value"));
                epochsChecked++;
            }
        }
        assertTrue(epochsChecked > 0, "intermediate values were exported");

        JsonNode json = JSON.readTree(download("export-trials-json", "dashboard-finished-trials.json"));
        assertEquals(rows.size(), json.size());
        assertEquals(rows.get(3).get("Worst-group AUC"), json.path(3).path("Worst-group AUC").asText(""));

        List<Map<String, String>> fin = parseCsv(download("export-final-csv", "dashboard-finished-final.csv"));
        JsonNode report = rest("/studies/" + finished + "/report");
        for (JsonNode arm : report.path("arms")) {
            String name = arm.path("arm").asText();
            Map<String, String> mean = fin.stream().filter(r -> r.get("Arm").equals(name)
                    && r.get("Seed").equals("mean")).findFirst().orElseThrow();
            assertSameNumber(arm.path("metrics").path("min_auc").path("mean"), mean.get("Worst-group AUC"));
            assertSameNumber(arm.path("metrics").path("eodds_diff").path("mean"), mean.get("EqOdd"));
            Map<String, String> ci = fin.stream().filter(r -> r.get("Arm").equals(name)
                    && r.get("Seed").equals(Exports.CI95)).findFirst().orElseThrow();
            assertSameNumber(arm.path("metrics").path("min_auc").path("ci95"), ci.get("Worst-group AUC"));
            for (JsonNode t : restTrials(finished)) {
                if (t.path("phase").asText().equals("FINAL") && t.path("arm").asText().equals(name)) {
                    Map<String, String> seed = fin.stream().filter(r -> r.get("Trial").equals(t.path("number").asText()))
                            .findFirst().orElseThrow();
                    assertSameNumber(t.path("metrics").path("min_auc"), seed.get("Worst-group AUC"));
                }
            }
        }
    }

    @Test
    @Order(5)
    void aTrialFinishingShowsUpWithoutAReload() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        String id = create(Specs.study("dashboard-live").budget(2).parallelism(1).json());
        workers.serve(id, (p, w) -> {
            w.started(p);
            w.progress(p, 1, 0.6);
            if (p.trialNumber() == 0) {
                awaitRelease(release);
            }
            Map<String, Double> m = DashboardData.metrics(p.mask(), p.seed());
            w.scored(p, List.of(m.get("min_auc")), m);
        });
        open(id);
        waitFor(d -> d.findElement(By.cssSelector("#trials tr[data-trial='0'][data-state='RUNNING']")));
        ChromeDriver browser = chromium.driver();
        browser.executeScript("window.sameDocument = 'yes'");
        release.countDown();
        waitFor(d -> d.findElement(By.cssSelector("#trials tr[data-trial='0'][data-state='COMPLETE']")));
        waitFor(d -> d.findElement(By.cssSelector("#summary .state.COMPLETED")));
        assertEquals("yes", browser.executeScript("return window.sameDocument"), "the page was not reloaded");
        List<JsonNode> done = restTrials(id);
        assertEquals("objective:2,best so far:" + bestSoFarPoints(done, true), points("chart-history"));
    }

    @Test
    @Order(6)
    void badInputGetsTheApiErrorBody() {
        viewer().get("/ui/api/studies/no-such-study/trials").then().statusCode(404)
                .body("errors[0].field", is("id")).body("errors[0].message", containsString("no-such-study"));
        viewer().get("/ui/api/studies/" + finished + "/trials/abc").then().statusCode(400)
                .body("errors[0].field", is("number"));
        viewer().get("/ui/api/studies/" + finished + "/trials/-1").then().statusCode(400)
                .body("errors[0].field", is("number"));
        viewer().get("/ui/api/studies/" + finished + "/trials/999999").then().statusCode(404)
                .body("errors[0].field", is("id"));
        viewer().get("/ui/api/studies/" + finished + "/bit-effects?objective=min_acc").then().statusCode(400)
                .body("errors[0].field", is("objective"));
        viewer().get("/ui/api/studies/" + finished + "/export/final?format=xlsx").then().statusCode(400)
                .body("errors[0].field", is("format"));
        // and in the page: an unknown study shows the API's message, not a stack trace
        open("no-such-study", false);
        String error = waitFor(d -> d.findElement(By.id("error")).getText());
        assertTrue(error.startsWith("id: ") && error.contains("no-such-study"), error);
        // a bearer token with the viewer group reads the dashboard like the viewer key does
        chromium.driver().get(ui + "#/");
        chromium.driver().executeScript("sessionStorage.clear()");
        chromium.driver().navigate().refresh();
        signIn(Tokens.valid("alice", "viewer"));
        waitFor(d -> "studies".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")) ? true : null);
        assertEquals("signed in with a bearer token", text("identity"));
    }

    // ---- helpers ----

    /**
     * Vertices of the best-so-far step line: each improvement of the first objective, in trial order, and the last
     * trial where it ends.
     */
    static int bestSoFarPoints(List<JsonNode> completeInTrialOrder, boolean maximize) {
        List<Double> values = completeInTrialOrder.stream().map(t -> t.path("objectives").path(0).asDouble()).toList();
        return BestSoFar.points(values, maximize);
    }

    /** A two-objective study with pruning and a final phase, played to COMPLETED by the test's workers. */
    private static String finishedStudy() {
        String id = create(Specs.study("dashboard-finished").sampler("nsga2").twoObjectives().budget(12)
                .parallelism(3).medianPruner(3).finalPhase(2, "[\"linear-readout\"]").json());
        workers.serve(id, (p, w) -> {
            Map<String, Double> m = DashboardData.metrics(p.mask(), p.seed());
            w.started(p);
            if (p.phase() != TrialPhase.FINAL) {
                w.progress(p, 1, m.get("overall.auc") - 0.1);
                w.progress(p, 2, m.get("overall.auc") - 0.05);
            }
            w.scored(p, DashboardData.objectives(OBJECTIVES, m), m);
        });
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> "COMPLETED".equals(viewer().get("/studies/" + id).path("state")));
        return id;
    }

    private static String create(String spec) {
        return given().header(ApiKeyAuthenticationMechanism.HEADER, Credentials.operatorKey())
                .contentType(ContentType.JSON).body(spec).post("/studies").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification viewer() {
        return given().header(ApiKeyAuthenticationMechanism.HEADER, Credentials.viewerKey());
    }

    private static JsonNode rest(String path) throws IOException {
        return JSON.readTree(viewer().get(path).then().statusCode(200).extract().asString());
    }

    private static List<JsonNode> restTrials(String id) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        rest("/studies/" + id + "/trials?size=500").path("items").forEach(all::add);
        return all;
    }

    private void signInAsViewer() {
        chromium.driver().get(ui + "#/");
        if (!"studies".equals(chromium.driver().findElement(By.tagName("body")).getDomAttribute("data-loaded"))) {
            waitFor(d -> d.findElement(By.id("login")));
            signIn(Credentials.viewerKey());
        }
        waitFor(d -> "studies".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")) ? true : null);
    }

    private static void signIn(String credential) {
        WebElement input = waitFor(d -> d.findElement(By.id("credential")));
        input.sendKeys(credential);
        chromium.driver().findElement(By.cssSelector("#login button")).click();
    }

    private void open(String id) {
        open(id, true);
    }

    /** A fresh page load of the study (not a hash change), as a visitor following a link would. */
    private void open(String id, boolean awaitLoaded) {
        if (chromium.driver().executeScript("return sessionStorage.getItem('fairtune.credential')") == null) {
            signInAsViewer();
        }
        chromium.driver().get(ui + "#/studies/" + id);
        chromium.driver().navigate().refresh();
        if (awaitLoaded) {
            waitFor(d -> id.equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")) ? true : null);
        }
    }

    private static String points(String chartId) {
        return chromium.driver().findElement(By.id(chartId)).getDomAttribute("data-points");
    }

    private static String text(String id) {
        return chromium.driver().findElement(By.id(id)).getText();
    }

    private static <T> T waitFor(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(chromium.driver(), Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    }

    /** Clicks an export button and returns the file the browser saved. */
    private static String download(String buttonId, String fileName) throws IOException {
        Path file = chromium.downloads().resolve(fileName);
        Files.deleteIfExists(file);
        chromium.driver().findElement(By.id(buttonId)).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file) && !partial());
        return Files.readString(file);
    }

    private static boolean partial() throws IOException {
        try (Stream<Path> files = Files.list(chromium.downloads())) {
            return files.anyMatch(f -> f.toString().endsWith(".crdownload"));
        }
    }

    static void screenshot(String path) throws IOException {
        Path target = Path.of(path);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, chromium.driver().getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    /** The same number, or both absent: a CSV cell holds Java's shortest round-trip form of the API's double. */
    private static void assertSameNumber(JsonNode api, String cell) {
        if (api.isMissingNode() || api.isNull()) {
            assertEquals("", cell);
        } else {
            assertEquals(api.asDouble(), Double.parseDouble(cell), 0.0, cell);
        }
    }

    /** RFC 4180 as ExportTable writes it (quoted cells may hold commas and doubled quotes). */
    static List<Map<String, String>> parseCsv(String csv) {
        List<List<String>> lines = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
                lines.add(cells);
                cells = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        List<String> header = lines.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            assertEquals(header.size(), line.size(), "cells in " + line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), line.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
