package io.hubbridge.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Kubernetes manifests as {@code helm template} renders them, parsed. */
record Manifests(List<Map<String, Object>> documents) {

	static Manifests parse(String rendered) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(rendered)) {
			if (document != null) {
				documents.add(Node.map(document));
			}
		}
		return new Manifests(documents);
	}

	List<String> kinds() {
		return this.documents.stream().map((document) -> (String) document.get("kind")).toList();
	}

	List<Map<String, Object>> all(String kind) {
		return this.documents.stream().filter((document) -> Objects.equals(document.get("kind"), kind)).toList();
	}

	/** The only manifest of the kind; fails when there is none or more than one. */
	Map<String, Object> one(String kind) {
		List<Map<String, Object>> found = all(kind);
		if (found.size() != 1) {
			throw new AssertionError("expected one " + kind + " but found " + found.size() + " in " + kinds());
		}
		return found.get(0);
	}

	/** The Deployment's (only) container. */
	Map<String, Object> container() {
		List<Object> containers = Node.list(Node.at(one("Deployment"), "spec.template.spec.containers"));
		if (containers.size() != 1) {
			throw new AssertionError("expected one container but found " + containers.size());
		}
		return Node.map(containers.get(0));
	}

	Map<String, Object> podSpec() {
		return Node.map(Node.at(one("Deployment"), "spec.template.spec"));
	}

}
