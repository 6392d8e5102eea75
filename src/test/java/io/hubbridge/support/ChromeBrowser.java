package io.hubbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian Chromium driven through Debian's chromedriver, each with a profile of
 * its own (a separate browser context: no shared cookies, storage or connections). Paths
 * are given explicitly, so Selenium Manager never looks for or downloads a browser or
 * driver. Skipped when they are missing, except on CI.
 */
public final class ChromeBrowser implements AutoCloseable {

	/** Debian's {@code chromium} package. */
	public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	/** Debian's {@code chromium-driver} package. */
	public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** Where screenshots go: test artifacts, not committed. */
	public static final Path SCREENSHOTS = Path.of("target/screenshots");

	private final ChromeDriver driver;

	private final Path profile;

	private ChromeBrowser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** Skips the test without Chromium and its driver (fails it on CI). */
	public static void requireInstalled() {
		ExternalTools.require("Debian's chromium (apt-get install chromium)", CHROMIUM);
		ExternalTools.require("Debian's chromium-driver (apt-get install chromium-driver)", CHROMEDRIVER);
	}

	/** A new browser with a fresh profile, its window 1280×860. */
	public static ChromeBrowser start() {
		requireInstalled();
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		try {
			Path profile = Files.createTempDirectory("hub-bridge-chromium-");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			// a page that cannot load (no free connection, a hung bridge) fails the test
			// in a minute
			options.setPageLoadTimeout(Duration.ofSeconds(60));
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--window-size=1280,860", "--lang=en-US", "--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort()
				.withTimeout(Duration.ofSeconds(60))
				.build();
			return new ChromeBrowser(new ChromeDriver(service, options), profile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/** Saves what the current window shows as {@code target/screenshots/NAME.png}. */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			killLeftovers();
			deleteProfile();
		}
	}

	/**
	 * Ends what is left of this browser when {@code quit()} could not (a hung driver):
	 * only processes started with this browser's own profile directory.
	 */
	private void killLeftovers() {
		String profileArgument = "--user-data-dir=" + this.profile;
		ProcessHandle.allProcesses()
			.filter((process) -> process.info()
				.commandLine()
				.filter((line) -> line.contains(profileArgument))
				.isPresent())
			.forEach(ProcessHandle::destroyForcibly);
	}

	private void deleteProfile() {
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory; what is left is the system's to clean
		}
	}

}
