package io.hubbridge.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps deliberate leak reports (see {@link NettyLeakDetection#EXPECTED}) off the
 * console; {@link LeakReportAppender} still records them.
 */
public final class ExpectedLeakFilter extends Filter<ILoggingEvent> {

	@Override
	public FilterReply decide(ILoggingEvent event) {
		if (LeakReportAppender.isLeakReport(event)
				&& event.getFormattedMessage().contains(NettyLeakDetection.EXPECTED)) {
			return FilterReply.DENY;
		}
		return FilterReply.NEUTRAL;
	}

}
