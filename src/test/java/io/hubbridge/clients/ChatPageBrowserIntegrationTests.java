package io.hubbridge.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hubbridge.hub.EmbeddedHub;
import io.hubbridge.support.ChromeBrowser;
import io.hubbridge.support.ExternalProcess;
import io.hubbridge.support.ExternalTools;
import io.hubbridge.support.HubUser;
import io.hubbridge.support.Resources;
import io.hubbridge.support.RunningBridge;
import io.hubbridge.support.TcpProxy;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in real Chromium (Debian's, headless, through Selenium and chromedriver)
 * against a running bridge and its embedded Hub: browsers chat with each other and with a
 * websocket user of Hub, see presence and typing, see Hub go away and come back, recover
 * a dropped stream, and show markup as text. Screenshots go to
 * {@code target/screenshots/}. Skipped without Chromium, except on CI.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bridge.embedded-hub.port=0", "bridge.sse.retry=500ms" })
@DirtiesContext
class ChatPageBrowserIntegrationTests extends RunningBridge {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration PYTHON_WAIT = Duration.ofSeconds(30);

	@Autowired
	EmbeddedHub embeddedHub;

	private final Resources resources = new Resources();

	@BeforeAll
	static void chromium() {
		ChromeBrowser.requireInstalled();
	}

	@AfterEach
	void close() throws Exception {
		this.resources.closeAll();
		if (!this.embeddedHub.isRunning()) {
			this.embeddedHub.start();
		}
	}

	@Test
	void twoBrowsersAndAHubUserChatAndSeePresenceAndTyping() {
		String room = "browser-chat";
		ChatPage alice = ChatPage.open(browser(), base(), room, "alice").awaitJoined();
		ChatPage bob = ChatPage.open(browser(), base(), room, "bob").awaitJoined();
		assertAccessible(alice);

		HubUser carol = track(HubUser.join(hubUrl(), room, "carol"));
		HubUser dana = track(HubUser.join(hubUrl(), room, "dana"));
		alice.awaitUsers(List.of("carol", "dana"));
		bob.awaitUsers(List.of("carol", "dana"));
		carol.typing("carol", true);
		alice.awaitTyping("carol is typing");
		bob.awaitTyping("carol is typing");
		assertThat(alice.users()).as("typing is no join").containsExactly("carol", "dana");

		alice.send("Hi bob, hi carol!");
		bob.awaitShout("alice", "Hi bob, hi carol!");
		alice.awaitShout("alice", "Hi bob, hi carol!");
		JsonNode atCarol = carol.next("shout", (frame) -> frame.at("/payload/name").stringValue().equals("alice"));
		assertThat(atCarol.at("/payload/body").stringValue()).isEqualTo("Hi bob, hi carol!");
		bob.send("Hello alice, ça va ? <3");
		alice.awaitShout("bob", "Hello alice, ça va ? <3");
		carol.shout("carol", "Hey both, I'm on a websocket");
		alice.awaitShout("carol", "Hey both, I'm on a websocket");
		bob.awaitShout("carol", "Hey both, I'm on a websocket");
		alice.screenshot("chat-alice-carol-typing");
		carol.typing("carol", false);
		alice.awaitTyping("");
		bob.awaitTyping("");

		// a second tab of alice's, same room: the recent shouts, presence, and its own
		// posts
		browserOf(alice).driver().switchTo().newWindow(WindowType.TAB);
		ChatPage aliceTab = ChatPage.open(browserOf(alice), base(), room, "alice").awaitJoined();
		aliceTab.awaitShout("bob", "Hello alice, ça va ? <3");
		aliceTab.awaitUsers(List.of("carol", "dana"));
		aliceTab.send("from my second tab");
		alice.awaitShout("alice", "from my second tab");
		bob.awaitShout("alice", "from my second tab");
		bob.screenshot("chat-bob");

		carol.close();
		alice.awaitUsers(List.of("dana"));
		bob.awaitUsers(List.of("dana"));
		aliceTab.awaitUsers(List.of("dana"));
		dana.close();
		alice.awaitUsers(List.of());
	}

	@Test
	void manyTabsOfABrowserShareOneStreamAndAllChat() {
		String room = "browser-tabs";
		ChromeBrowser browser = browser();
		List<ChatPage> tabs = new ArrayList<>();
		tabs.add(ChatPage.open(browser, base(), room, "alice").awaitJoined());
		// more tabs than the 6 connections a browser opens to one host over HTTP/1.1
		for (int i = 1; i < 8; i++) {
			browser.driver().switchTo().newWindow(WindowType.TAB);
			tabs.add(ChatPage.open(browser, base(), room, "alice").awaitJoined());
		}
		assertThat(subscribers(room)).as("one stream for the browser's tabs").isEqualTo(1);
		tabs.get(7).send("from the eighth tab");
		for (ChatPage tab : tabs) {
			tab.awaitShout("alice", "from the eighth tab");
		}

		// the tab holding the stream goes: another takes it over, from where it was
		tabs.get(0).closeTab();
		post(room, "bob", "after the first tab closed");
		for (ChatPage tab : tabs.subList(1, tabs.size())) {
			tab.awaitShout("bob", "after the first tab closed");
			assertThat(tab.count("from the eighth tab")).isEqualTo(1);
		}
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> subscribers(room) == 1);
	}

	private int subscribers(String room) {
		JsonNode detail = JSON.readTree(this.http.get()
			.uri("/api/rooms/{room}", room)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
		return detail.get("subscribers").intValue();
	}

	@Test
	void shoutTextWithMarkupIsShownAsText() {
		String room = "browser-markup";
		ChatPage page = ChatPage.open(browser(), base(), room, "alice").awaitJoined();
		HubUser mallory = track(HubUser.join(hubUrl(), room, "<i>mallory</i>"));
		String markup = "<img src=x onerror=\"window.pwned=1\"><b>bold?</b><script>window.pwned=2</script>";
		mallory.shout("<i>mallory</i>", markup);
		page.awaitShout("<i>mallory</i>", markup);
		page.awaitUsers(List.of("<i>mallory</i>"));
		var driver = browserOf(page).driver();
		assertThat(driver.findElements(By.cssSelector("#messages img, #messages b, #messages i, #messages script")))
			.isEmpty();
		assertThat(driver.findElements(By.cssSelector("#users i"))).isEmpty();
		assertThat(driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
		page.screenshot("chat-markup-as-text");
	}

	@Test
	void hubGoingAwayIsShownAndThePageRecoversWhenItIsBack() {
		String room = "browser-upstream";
		ChatPage page = ChatPage.open(browser(), base(), room, "alice").awaitJoined();
		HubUser dave = track(HubUser.join(hubUrl(), room, "dave"));
		page.awaitUsers(List.of("dave"));

		this.embeddedHub.kill();
		page.await("Hub shown as not joined", (d) -> !page.state("upstream-state").equals("joined"));
		assertThat(page.text("upstream-state")).matches("Hub: (reconnecting|unreachable).*");
		assertThat(page.state("stream-state")).as("the stream itself stays up").isEqualTo("live");
		page.screenshot("chat-hub-down");

		this.embeddedHub.start();
		page.await("Hub joined again", (d) -> page.state("upstream-state").equals("joined"));
		page.await("a note that Hub is back",
				(driver) -> driver.findElement(By.id("messages")).getText().contains("Connected to Hub again."));
		page.awaitUsers(List.of());
		HubUser erin = track(HubUser.join(hubUrl(), room, "erin"));
		page.awaitUsers(List.of("erin"));
		page.send("glad you're back");
		JsonNode atErin = erin.next("shout", (frame) -> frame.at("/payload/name").stringValue().equals("alice"));
		assertThat(atErin.at("/payload/body").stringValue()).isEqualTo("glad you're back");
		page.awaitShout("alice", "glad you're back");
	}

	@Test
	void aDroppedStreamResumesWithWhatWasMissedExactlyOnce() {
		String room = "browser-resume";
		TcpProxy proxy = track(TcpProxy.to(this.port));
		ChatPage page = ChatPage.open(browser(), "http://127.0.0.1:" + proxy.port(), room, "alice").awaitJoined();
		page.send("before the drop");
		page.awaitShout("alice", "before the drop");

		proxy.refuse();
		proxy.cut();
		page.await("the stream shown as interrupted", (d) -> !page.state("stream-state").equals("live"));
		post(room, "bob", "while you were away");
		proxy.accept();
		page.await("the stream live again", (d) -> page.state("stream-state").equals("live"));
		page.awaitShout("bob", "while you were away");
		post(room, "bob", "after the drop");
		page.awaitShout("bob", "after the drop");
		assertThat(page.count("before the drop")).isEqualTo(1);
		assertThat(page.count("while you were away")).isEqualTo(1);
	}

	@Test
	void thePageAndTheSeedDocumentsPythonClientChatInOneRoom() {
		Path python = ExternalTools.debianPythonWithWebsockets();
		String room = "browser-python";
		ChatPage alice = ChatPage.open(browser(), base(), room, "alice").awaitJoined();
		ExternalProcess robin = track(ExternalProcess.start(Path.of("src/test/python"), Map.of(), python.toString(),
				"-u", "hub_client.py", hubUrl().toString(), room, "robin"));
		robin.awaitLine("< connected"::equals, PYTHON_WAIT);
		alice.awaitUsers(List.of("robin"));
		robin.writeLine("hello alice, from python");
		alice.awaitShout("robin", "hello alice, from python");
		alice.send("hello robin, from the page");
		robin.awaitLine("< alice says : hello robin, from the page"::equals, PYTHON_WAIT);
	}

	@Test
	void aProblemFromTheApiIsShownToTheUser() {
		ChatPage page = ChatPage.open(browser(), base(), "browser-problem", "tab\there").awaitJoined();
		page.submit("will be refused");
		page.await("the problem's detail", (d) -> page.text("error").startsWith("name: must not contain control"));
		assertThat(page.count("will be refused")).isZero();
	}

	private void post(String room, String name, String body) {
		this.http.post()
			.uri("/api/rooms/{room}/shouts", room)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", name, "body", body))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult();
	}

	private static void assertAccessible(ChatPage page) {
		page.await("a field labelled Message and a button labelled Send", (driver) -> {
			String field = driver.findElement(By.xpath("//label[normalize-space()='Message']")).getDomAttribute("for");
			return driver.findElement(By.id(field)).getTagName().equals("input")
					&& driver.findElement(By.xpath("//button[normalize-space()='Send']")).isEnabled();
		});
	}

	private ChromeBrowser browser() {
		return track(ChromeBrowser.start());
	}

	private ChromeBrowser browserOf(ChatPage page) {
		return page.browser();
	}

	private <T extends AutoCloseable> T track(T resource) {
		return this.resources.track(resource);
	}

}
