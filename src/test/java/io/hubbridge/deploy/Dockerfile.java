package io.hubbridge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * The root {@code Dockerfile}, read as instructions (continuation lines joined, runs of
 * white space made one space, comments dropped), so that tests can check it without a
 * container engine.
 *
 * @param instructions every instruction, in order
 */
record Dockerfile(List<Instruction> instructions) {

	static Dockerfile read() {
		try {
			List<Instruction> instructions = new ArrayList<>();
			StringBuilder pending = new StringBuilder();
			for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
				String trimmed = line.strip();
				if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
					continue;
				}
				if (trimmed.endsWith("\\")) {
					pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
					continue;
				}
				pending.append(trimmed);
				String instruction = pending.toString().replaceAll("\\s+", " ");
				pending.setLength(0);
				int space = instruction.indexOf(' ');
				instructions.add(new Instruction(instruction.substring(0, space).toUpperCase(),
						instruction.substring(space + 1).strip()));
			}
			return new Dockerfile(instructions);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every instruction with the keyword, in order. */
	List<String> all(String keyword) {
		return this.instructions.stream()
			.filter((instruction) -> instruction.keyword().equals(keyword))
			.map(Instruction::arguments)
			.toList();
	}

	/** The arguments of the last instruction with the keyword (the one that counts). */
	String last(String keyword) {
		List<String> found = all(keyword);
		if (found.isEmpty()) {
			throw new AssertionError("the Dockerfile has no " + keyword);
		}
		return found.get(found.size() - 1);
	}

	/** The instructions of the final stage: from its FROM on. */
	Dockerfile runtimeStage() {
		int from = 0;
		for (int i = 0; i < this.instructions.size(); i++) {
			if (this.instructions.get(i).keyword().equals("FROM")) {
				from = i;
			}
		}
		return new Dockerfile(this.instructions.subList(from, this.instructions.size()));
	}

	/** An exec form's arguments (a JSON array). */
	static List<String> execForm(String arguments) {
		return List.of(JsonMapper.builder().build().readValue(arguments, String[].class));
	}

	/**
	 * One instruction.
	 *
	 * @param keyword such as {@code FROM}, upper case
	 * @param arguments the rest of it, continuation lines joined
	 */
	record Instruction(String keyword, String arguments) {
	}

}
