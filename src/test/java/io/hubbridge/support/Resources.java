package io.hubbridge.support;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a test opened (clients, processes, proxies, browsers), closed after it in the
 * reverse order, all of them even when one fails to close.
 */
public final class Resources {

	private final Deque<AutoCloseable> opened = new ArrayDeque<>();

	/** Keeps the resource for {@link #closeAll()}, and returns it. */
	public <T extends AutoCloseable> T track(T resource) {
		this.opened.push(resource);
		return resource;
	}

	/** Closes the latest first; the first failure is thrown once all were closed. */
	public void closeAll() throws Exception {
		Exception failure = null;
		while (!this.opened.isEmpty()) {
			try {
				this.opened.pop().close();
			}
			catch (Exception ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
