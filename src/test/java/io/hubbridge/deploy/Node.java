package io.hubbridge.deploy;

import java.util.List;
import java.util.Map;

/** Reads parsed YAML by dotted paths, such as {@code spec.template.spec}. */
final class Node {

	private Node() {
	}

	/** The value at the path, or {@code null} when any part of it is missing. */
	static Object at(Object root, String path) {
		Object current = root;
		for (String key : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node) {
		if (!(node instanceof Map<?, ?>)) {
			throw new AssertionError("expected a mapping but found " + node);
		}
		return (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object node) {
		if (!(node instanceof List<?>)) {
			throw new AssertionError("expected a sequence but found " + node);
		}
		return (List<Object>) node;
	}

	static String text(Object root, String path) {
		Object value = at(root, path);
		return (value != null) ? value.toString() : null;
	}

}
