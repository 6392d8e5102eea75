package io.hubbridge.clients;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.hubbridge.support.ChromeBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page at {@code /} in one browser window, as its user sees it: found by what is
 * on the screen (labels, button text, the list of users), waited for by condition.
 */
final class ChatPage {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ChromeBrowser browser;

	private final String window;

	private ChatPage(ChromeBrowser browser) {
		this.browser = browser;
		this.window = browser.driver().getWindowHandle();
	}

	/**
	 * Opens {@code /?room=ROOM&name=NAME} of {@code base} in the browser's current
	 * window.
	 */
	static ChatPage open(ChromeBrowser browser, String base, String room, String name) {
		browser.driver()
			.get(base + "/?room=" + URLEncoder.encode(room, StandardCharsets.UTF_8) + "&name="
					+ URLEncoder.encode(name, StandardCharsets.UTF_8));
		return new ChatPage(browser);
	}

	private WebDriver driver() {
		return this.browser.driver().switchTo().window(this.window);
	}

	<T> T await(String what, Function<WebDriver, T> condition) {
		WebDriver driver = driver();
		return new WebDriverWait(driver, WAIT).withMessage(() -> what + "; page: " + describe())
			.pollingEvery(Duration.ofMillis(50))
			.until(condition);
	}

	/** Waits until the stream is live and the room's upstream has joined Hub. */
	ChatPage awaitJoined() {
		await("the stream live", (d) -> state("stream-state").equals("live"));
		await("Hub joined", (d) -> state("upstream-state").equals("joined"));
		return this;
	}

	String state(String pill) {
		return driver().findElement(By.id(pill)).getDomAttribute("data-state");
	}

	String text(String id) {
		return driver().findElement(By.id(id)).getText();
	}

	/**
	 * Types into the field labelled "Message", presses the button labelled "Send" and
	 * waits for the field to be cleared, which the page does once the post succeeded.
	 */
	void send(String text) {
		WebElement field = submit(text);
		await("the field cleared after sending", (d) -> field.getDomProperty("value").isEmpty());
	}

	/** Types into the field labelled "Message" and presses the button labelled "Send". */
	WebElement submit(String text) {
		WebDriver driver = driver();
		WebElement label = driver.findElement(By.xpath("//label[normalize-space()='Message']"));
		WebElement field = driver.findElement(By.id(label.getDomAttribute("for")));
		field.sendKeys(text);
		driver.findElement(By.xpath("//button[normalize-space()='Send']")).click();
		return field;
	}

	/** Closes this page's tab, and switches the browser to another of its windows. */
	void closeTab() {
		WebDriver driver = driver();
		driver.close();
		driver.switchTo().window(driver.getWindowHandles().iterator().next());
	}

	ChromeBrowser browser() {
		return this.browser;
	}

	/** Waits for a shout by {@code name} with exactly this text. */
	WebElement awaitShout(String name, String body) {
		return await("a shout by " + name + ": " + body,
				(d) -> shouts(d).stream()
					.filter((li) -> li.findElement(By.className("who")).getText().equals(name)
							&& li.findElement(By.className("body")).getText().equals(body))
					.findFirst()
					.orElse(null));
	}

	long count(String body) {
		return shouts(driver()).stream()
			.filter((li) -> li.findElement(By.className("body")).getText().equals(body))
			.count();
	}

	private static List<WebElement> shouts(WebDriver driver) {
		return driver.findElements(By.cssSelector("#messages li.shout"));
	}

	/** The names in the list of online users. */
	List<String> users() {
		return driver().findElements(By.cssSelector("ul[aria-label='Online users'] li .username"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	void awaitUsers(List<String> expected) {
		await("online users " + expected, (d) -> users().equals(expected));
	}

	void awaitTyping(String text) {
		await("typing line '" + text + "'", (d) -> text("typing").equals(text));
	}

	String describe() {
		try {
			return "stream=" + text("stream-state") + ", upstream=" + text("upstream-state") + ", users=" + users()
					+ ", typing='" + text("typing") + "', error='" + text("error") + "', messages="
					+ driver().findElement(By.id("messages")).getText().replace('\n', '|');
		}
		catch (RuntimeException ex) {
			return "(unreadable: " + ex.getMessage() + ")";
		}
	}

	void screenshot(String name) {
		driver();
		this.browser.screenshot(name);
	}

}
