package io.hubbridge.deploy;

import java.util.ArrayList;
import java.util.List;

/** The chart's {@code helm test} pod. */
final class TestHook {

	private TestHook() {
	}

	/** Its container's command and arguments, as the pod would run them. */
	static List<String> command(Manifests hooks) {
		Object container = Node.list(Node.at(hooks.one("Pod"), "spec.containers")).get(0);
		List<String> command = new ArrayList<>();
		Node.list(Node.at(container, "command")).forEach((part) -> command.add(part.toString()));
		Node.list(Node.at(container, "args")).forEach((part) -> command.add(part.toString()));
		return command;
	}

}
