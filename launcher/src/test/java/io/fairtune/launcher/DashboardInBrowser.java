package io.fairtune.launcher;

import io.fairtune.model.testing.HeadlessChromium;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.model.events.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The optimizer's study dashboard in headless Chromium, signed in with the cluster's viewer key, watching a real
 * study trained by the cluster's trainers: a trial finishing shows up without a reload, the finished study's charts
 * hold the points its REST API implies, and the page is photographed for the README.
 */
final class DashboardInBrowser implements AutoCloseable {

    /** Screenshots go here; -Dfairtune.dashboard.screenshots=docs/images (from the repository root) refreshes the README's. */
    private static final String SCREENSHOTS = System.getProperty("fairtune.dashboard.screenshots");

    private final HeadlessChromium chromium = new HeadlessChromium();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String dashboard;
    private final String api;
    private final String viewerKey;

    DashboardInBrowser(String dashboardUrl, String viewerKey) {
        this.dashboard = dashboardUrl;
        this.api = dashboardUrl.replaceAll("/ui/$", "");
        this.viewerKey = viewerKey;
        ChromeDriver browser = chromium.driver();
        browser.get(dashboard);
        // the 401 path: without a credential the page can only ask for one, with the server's explanation
        String asked = waitFor(d -> d.findElement(By.id("auth-message")).getText());
        assertTrue(asked.contains("X-API-Key"), asked);
        browser.findElement(By.id("credential")).sendKeys(viewerKey);
        browser.findElement(By.cssSelector("#login button")).click();
        waitFor(d -> "studies".equals(body(d).getDomAttribute("data-loaded")) ? true : null);
    }

    /** Opens the study while it runs and sees a search trial go from RUNNING to COMPLETE in the same document. */
    void seesATrialFinishLive(String studyId) {
        ChromeDriver browser = chromium.driver();
        browser.get(dashboard + "#/studies/" + studyId);
        waitFor(d -> studyId.equals(body(d).getDomAttribute("data-loaded")) ? true : null);
        String running = waitFor(d -> d.findElement(By.cssSelector("#trials tr[data-state='RUNNING']"))
                .getDomAttribute("data-trial"));
        browser.executeScript("window.sameDocument = 'yes'");
        waitFor(d -> d.findElement(By.cssSelector("#trials tr[data-trial='" + running + "'][data-state='COMPLETE']")));
        assertEquals("yes", browser.executeScript("return window.sameDocument"), "updated without a reload");
    }

    /**
     * After the study finished (the page keeps polling until then): every chart holds the points the REST API
     * implies, a viewer is refused an operator action, and the page is photographed.
     */
    void showsTheFinishedStudy(String studyId) {
        ChromeDriver browser = chromium.driver();
        waitFor(d -> d.findElement(By.cssSelector("#summary .state.COMPLETED")));
        JsonNode trials = get("/studies/" + studyId + "/trials?size=500").path("items");
        int complete = 0;
        int bestPoints = 0;
        Double best = null;
        boolean lastImproved = false;
        int scored = 0;
        int intermediate = 0;
        int finalScored = 0;
        for (JsonNode t : trials) {
            boolean search = t.path("phase").asText().equals("SEARCH");
            boolean done = t.path("state").asText().equals("COMPLETE");
            if (search && done && t.path("objectives").path(0).isNumber()) {
                complete++;
                // the best-so-far line has a vertex per improvement (min_auc: higher is better) and one at the end
                double v = t.path("objectives").path(0).asDouble();
                lastImproved = best == null || v > best;
                if (lastImproved) {
                    best = v;
                    bestPoints++;
                }
                scored += t.path("metrics").path("min_auc").isNumber() && t.path("metrics").path("auc_gap").isNumber() ? 1 : 0;
            }
            intermediate += search ? t.path("intermediate").size() : 0;
            finalScored += !search && done && t.path("metrics").path("min_auc").isNumber() ? 1 : 0;
        }
        assertTrue(complete > 0 && intermediate > 0, "a trained study: " + trials);
        assertEquals("objective:" + complete + ",best so far:" + (bestPoints + (lastImproved ? 0 : 1)),
                points("chart-history"));
        assertEquals("completed or running:" + intermediate + ",pruned:0", points("chart-intermediate"));
        assertEquals("trials:" + scored + ",selected trial:1", points("chart-fairness"));
        assertEquals(String.valueOf(complete), browser.findElement(By.id("mask-view")).getDomAttribute("data-rows"));
        JsonNode effects = get("/ui/api/studies/" + studyId + "/bit-effects");
        assertEquals("blocks.0.attn", effects.path("bits").path(1).path("name").asText(), "components3, bit 1");
        assertEquals(String.valueOf(effects.path("bits").size()),
                browser.findElement(By.id("mask-view")).getDomAttribute("data-bits"));
        String selected = browser.findElement(By.id("selected-trial")).getDomProperty("value");
        JsonNode groups = get("/ui/api/studies/" + studyId + "/trials/" + selected).path("groups");
        long sexGroups = 0;
        for (JsonNode g : groups) {
            sexGroups += g.path("attribute").asText().equals("sex") ? 1 : 0;
        }
        assertTrue(sexGroups >= 2, "per-group metrics of the selected trial: " + groups);
        assertTrue(points("chart-groups").startsWith("AUC:" + sexGroups + ",TPR:" + sexGroups + ",FPR:" + sexGroups),
                points("chart-groups"));
        JsonNode report = get("/studies/" + studyId + "/report");
        assertTrue(points("chart-final").startsWith("seed:" + finalScored + ",mean:" + report.path("arms").size()),
                points("chart-final"));
        // a viewer is refused what only an operator may do, by the running optimizer
        assertEquals(403, post("/studies/" + studyId + "/pause"));
        photograph();
    }

    private void photograph() {
        ChromeDriver browser = chromium.driver();
        browser.manage().window().setSize(new Dimension(1400, 1150));
        browser.executeScript("window.scrollTo(0, 0)");
        waitFor(d -> body(d).getDomAttribute("data-refreshes"));
        save("dashboard-study.png", browser.getScreenshotAs(OutputType.BYTES));
        browser.executeScript("document.getElementById('mask-view').closest('.grid').scrollIntoView()");
        save("dashboard-masks-final.png", browser.getScreenshotAs(OutputType.BYTES));
    }

    private static void save(String name, byte[] png) {
        Path dir = SCREENSHOTS != null ? Path.of(System.getProperty("fairtune.repo.root", "..")).resolve(SCREENSHOTS)
                : Path.of("target/dashboard-screenshots");
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String points(String chartId) {
        return chromium.driver().findElement(By.id(chartId)).getDomAttribute("data-points");
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + path))
                    .header("X-API-Key", viewerKey).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return EventCodec.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private int post(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(api + path)).header("X-API-Key", viewerKey)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static org.openqa.selenium.WebElement body(WebDriver d) {
        return d.findElement(By.tagName("body"));
    }

    private <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(chromium.driver(), Duration.ofMinutes(3))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    }

    @Override
    public void close() {
        chromium.close();
    }
}
