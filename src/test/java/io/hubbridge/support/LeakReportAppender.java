package io.hubbridge.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Records Netty's leak reports ({@code LEAK:} at ERROR from
 * {@code io.netty.util.ResourceLeakDetector}). Configured in {@code logback-test.xml};
 * the reports are kept statically because Spring Boot reloads that configuration (and so
 * creates a new appender) for every application context.
 */
public final class LeakReportAppender extends AppenderBase<ILoggingEvent> {

	static final String LEAK_DETECTOR = "io.netty.util.ResourceLeakDetector";

	private static final ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();

	@Override
	protected void append(ILoggingEvent event) {
		if (isLeakReport(event)) {
			reports.add(event.getFormattedMessage());
		}
	}

	static boolean isLeakReport(ILoggingEvent event) {
		return event.getLoggerName().equals(LEAK_DETECTOR) && event.getLevel().isGreaterOrEqual(Level.ERROR)
				&& event.getFormattedMessage().contains("LEAK:");
	}

	/** The reports recorded so far, leaving them recorded. */
	public static List<String> reports() {
		return List.copyOf(reports);
	}

	/** The reports recorded so far, forgetting them. */
	static List<String> drain() {
		List<String> drained = new ArrayList<>();
		String report;
		while ((report = reports.poll()) != null) {
			drained.add(report);
		}
		return drained;
	}

}
