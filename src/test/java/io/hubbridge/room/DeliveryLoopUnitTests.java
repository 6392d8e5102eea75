package io.hubbridge.room;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The subscribers of one delivery thread, drained together. */
class DeliveryLoopUnitTests {

	private long seq;

	@Test
	void anEventForManySubscribersOfOneThreadIsOneTaskThatWritesToEachOfThem() {
		ManualExecutor thread = new ManualExecutor();
		DeliveryLoop loop = new DeliveryLoop(thread, Duration.ZERO);
		RoomEvent event = event();
		List<RecordingWriter> writers = offeredToEach(100, loop, thread, event);
		assertThat(thread.tasks).as("one task for the hundred").hasSize(1);
		thread.runAll();
		assertThat(writers).allSatisfy((writer) -> assertThat(writer.batches).containsExactly(List.of(event)));
	}

	@Test
	void aTaskDrainsABoundedNumberOfSubscribersAndLeavesTheRestToATaskOfItsOwn() {
		ManualExecutor thread = new ManualExecutor();
		DeliveryLoop loop = new DeliveryLoop(thread, Duration.ZERO);
		int count = DeliveryLoop.MAX_DRAINS_PER_RUN + 10;
		RoomEvent event = event();
		List<RecordingWriter> writers = offeredToEach(count, loop, thread, event);
		assertThat(thread.tasks).hasSize(1);
		thread.tasks.poll().run();
		assertThat(writers.stream().filter((writer) -> !writer.batches.isEmpty())).as("written by the first task")
			.hasSize(DeliveryLoop.MAX_DRAINS_PER_RUN);
		assertThat(thread.tasks).as("the rest left to another task").hasSize(1);
		thread.runAll();
		assertThat(writers).allSatisfy((writer) -> assertThat(writer.batches).containsExactly(List.of(event)));
	}

	@Test
	void aSubscriberDueAgainWhileARoundRunsWaitsForTheNextRoundWithWhatElseItGets() {
		ManualExecutor thread = new ManualExecutor();
		DeliveryLoop loop = new DeliveryLoop(thread, Duration.ZERO);
		RecordingWriter first = new RecordingWriter();
		RecordingWriter second = new RecordingWriter();
		Subscriber firstSubscriber = started(loop, first);
		Subscriber secondSubscriber = started(loop, second);
		thread.runAll();
		RoomEvent one = event();
		RoomEvent two = event();
		RoomEvent three = event();
		// the room hands on more events while the round writes the second subscriber
		second.onWrite = () -> {
			firstSubscriber.offer(two);
			firstSubscriber.offer(three);
		};
		firstSubscriber.offer(one);
		secondSubscriber.offer(one);
		thread.tasks.poll().run();
		assertThat(first.batches).as("once in the round").containsExactly(List.of(one));
		assertThat(thread.tasks).as("the next round").hasSize(1);
		second.onWrite = () -> {
		};
		thread.runAll();
		assertThat(first.batches).containsExactly(List.of(one), List.of(two, three));
	}

	@Test
	void theNextRoundBeginsAnIntervalAfterTheLastBeganOrHalfAsLongAfterItEndedAsItTook() {
		Duration interval = Duration.ofMillis(10);
		assertThat(waitAfterARoundThatTook(interval, Duration.ofMillis(2))).as("a quick round")
			.isEqualTo(Duration.ofMillis(8));
		assertThat(waitAfterARoundThatTook(interval, Duration.ofMillis(30))).as("a long round")
			.isEqualTo(Duration.ofMillis(15));
		assertThat(waitAfterARoundThatTook(Duration.ZERO, Duration.ofMillis(30))).as("no interval: at once").isZero();
	}

	/**
	 * How long after a round the next is scheduled when the round took {@code roundTime}
	 * and a subscriber became due again meanwhile.
	 */
	private Duration waitAfterARoundThatTook(Duration interval, Duration roundTime) {
		AtomicLong clock = new AtomicLong(1_000_000_000L);
		RecordingScheduler thread = new RecordingScheduler();
		try {
			DeliveryLoop loop = new DeliveryLoop(thread, interval, clock::get);
			RecordingWriter lastWriter = new RecordingWriter();
			Subscriber first = started(loop, new RecordingWriter());
			Subscriber last = started(loop, lastWriter);
			thread.runAll();
			// the round that wrote nothing is an interval ago
			clock.addAndGet(Duration.ofMillis(10).toNanos());
			RoomEvent next = event();
			lastWriter.onWrite = () -> {
				clock.addAndGet(roundTime.toNanos());
				first.offer(next);
			};
			RoomEvent event = event();
			first.offer(event);
			last.offer(event);
			thread.tasks.poll().run();
			assertThat(thread.tasks).hasSize(1);
			// scheduled after a wait, or executed at once
			return thread.delays.isEmpty() ? Duration.ZERO : Duration.ofNanos(thread.delays.get(0));
		}
		finally {
			thread.shutdownNow();
		}
	}

	@Test
	void aWriterThatIsNotReadyKeepsItsEventsQueuedUntilItResumesWithoutHoldingUpOthers() {
		ManualExecutor thread = new ManualExecutor();
		DeliveryLoop loop = new DeliveryLoop(thread, Duration.ZERO);
		RecordingWriter stalled = new RecordingWriter();
		RecordingWriter reading = new RecordingWriter();
		Subscriber stalledSubscriber = started(loop, stalled);
		Subscriber readingSubscriber = started(loop, reading);
		stalled.ready = false;
		List<RoomEvent> events = List.of(event(), event(), event());
		for (RoomEvent event : events) {
			stalledSubscriber.offer(event);
			readingSubscriber.offer(event);
			thread.runAll();
		}
		assertThat(stalled.batches).isEmpty();
		assertThat(reading.batches).containsExactly(List.of(events.get(0)), List.of(events.get(1)),
				List.of(events.get(2)));
		stalled.ready = true;
		stalledSubscriber.resume();
		thread.runAll();
		assertThat(stalled.batches).as("what waited, as one batch").containsExactly(events);
	}

	/**
	 * {@code count} subscribers started on the loop (the rounds that start them run),
	 * then each offered {@code event}.
	 * @return their writers
	 */
	private static List<RecordingWriter> offeredToEach(int count, DeliveryLoop loop, ManualExecutor thread,
			RoomEvent event) {
		List<RecordingWriter> writers = new ArrayList<>();
		List<Subscriber> subscribers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			RecordingWriter writer = new RecordingWriter();
			writers.add(writer);
			subscribers.add(started(loop, writer));
		}
		thread.runAll();
		subscribers.forEach((subscriber) -> subscriber.offer(event));
		return writers;
	}

	/**
	 * A subscriber of every event type, with room for eight, writing to {@code writer}.
	 */
	private static Subscriber started(DeliveryLoop loop, RecordingWriter writer) {
		Subscriber subscriber = new Subscriber(EnumSet.allOf(EventType.class), 8, loop, (left) -> {
		});
		subscriber.start(writer);
		return subscriber;
	}

	private RoomEvent event() {
		return new RoomEvent(new EventId("e1", ++this.seq), EventType.SHOUT, Instant.EPOCH, new byte[0]);
	}

	/** A delivery thread whose tasks run when the test says. */
	private static final class ManualExecutor implements Executor {

		final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

		@Override
		public void execute(Runnable task) {
			this.tasks.add(task);
		}

		void runAll() {
			for (Runnable task = this.tasks.poll(); task != null; task = this.tasks.poll()) {
				task.run();
			}
		}

	}

	/**
	 * A delivery thread that can schedule, whose tasks run when the test says, and which
	 * notes how long each scheduled task was to wait.
	 */
	private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {

		final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

		final List<Long> delays = new ArrayList<>();

		RecordingScheduler() {
			super(1);
		}

		@Override
		public void execute(Runnable task) {
			this.tasks.add(task);
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
			this.delays.add(unit.toNanos(delay));
			this.tasks.add(task);
			return null;
		}

		void runAll() {
			for (Runnable task = this.tasks.poll(); task != null; task = this.tasks.poll()) {
				task.run();
			}
		}

	}

	private static final class RecordingWriter implements EventWriter {

		final List<List<RoomEvent>> batches = new ArrayList<>();

		volatile boolean ready = true;

		Runnable onWrite = () -> {
		};

		@Override
		public boolean ready() {
			return this.ready;
		}

		@Override
		public void write(List<RoomEvent> batch) {
			this.batches.add(List.copyOf(batch));
			this.onWrite.run();
		}

		@Override
		public void end() {
		}

		@Override
		public void dropped(SlowSubscriberException reason) {
		}

	}

}
