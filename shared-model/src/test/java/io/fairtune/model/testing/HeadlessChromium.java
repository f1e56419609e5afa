package io.fairtune.model.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromedriver, headless, with a fresh profile and download folder. Selenium is pointed at
 * both binaries so its Selenium Manager downloads nothing. Where they are missing the test fails saying what to
 * install: CI installs them (.ci/run), and a browser test that skipped silently would prove nothing.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BROWSER = Path.of(System.getProperty("fairtune.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("fairtune.chromedriver", "/usr/bin/chromedriver"));

    private final Path profile;
    private final Path downloads;
    private final ChromeDriver driver;

    public HeadlessChromium() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new AssertionError("the dashboard's browser tests need Chromium and its driver at " + BROWSER
                    + " and " + DRIVER + ": apt-get install -y chromium chromium-driver (.ci/run installs them), "
                    + "or point -Dfairtune.chromium and -Dfairtune.chromedriver at them");
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
        try {
            profile = Files.createTempDirectory("fairtune-chromium-");
            downloads = Files.createDirectories(profile.resolve("downloads"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--user-data-dir=" + profile.resolve("profile"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        driver = new ChromeDriver(ChromeDriverService.createDefaultService(), options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Where the browser saves files (the dashboard's exports). */
    public Path downloads() {
        return downloads;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
