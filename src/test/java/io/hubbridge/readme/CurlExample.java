package io.hubbridge.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A {@code curl} command of the README, with what the README shows it answers: the
 * {@code # …} comment lines under it, and the output block right after its {@code ```sh}
 * block when that block holds this command alone.
 *
 * @param line the README line the command starts on
 * @param section the README's section ({@code ## } heading) it is in
 * @param command the command, continuation lines joined
 * @param comment the comment lines under it, {@code # } removed, joined; empty if none
 * @param output the lines of the output block shown after it; empty if none
 */
record CurlExample(int line, String section, String command, String comment, List<String> output) {

	private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([A-Za-z]*)\\s*$");

	private static final Pattern SHELL = Pattern.compile("sh|bash|shell|console|");

	private static final Pattern CURL = Pattern.compile("(^|[\\s;|&(])curl\\s");

	/** How close (in lines) an output block must follow the command's block. */
	private static final int OUTPUT_DISTANCE = 5;

	boolean streams() {
		return this.command.contains(" -N ") || this.command.matches(".*/events[\\s'?].*");
	}

	/** Every {@code curl} command in the README's {@code ```sh} blocks, in order. */
	static List<CurlExample> parse(List<String> readme) {
		List<Block> blocks = blocks(readme);
		List<CurlExample> examples = new ArrayList<>();
		for (int b = 0; b < blocks.size(); b++) {
			Block block = blocks.get(b);
			if (!block.language().equals("sh")) {
				continue;
			}
			List<CurlExample> inBlock = commands(block);
			Block next = (b + 1 < blocks.size()) ? blocks.get(b + 1) : null;
			if (inBlock.size() == 1 && next != null && next.language().isEmpty()
					&& next.start() - block.end() <= OUTPUT_DISTANCE) {
				CurlExample only = inBlock.get(0);
				inBlock = List
					.of(new CurlExample(only.line(), only.section(), only.command(), only.comment(), next.lines()));
			}
			examples.addAll(inBlock);
		}
		return examples;
	}

	/**
	 * How many lines of fenced shell blocks (of any shell language, or none) run
	 * {@code curl}: each must be an example that {@link #parse} finds.
	 */
	static int curlLinesInShellBlocks(List<String> readme) {
		int count = 0;
		for (Block block : blocks(readme)) {
			if (SHELL.matcher(block.language()).matches()) {
				count += (int) block.lines()
					.stream()
					.filter((text) -> !text.strip().startsWith("#") && CURL.matcher(text).find())
					.count();
			}
		}
		return count;
	}

	private static List<CurlExample> commands(Block block) {
		List<CurlExample> examples = new ArrayList<>();
		List<String> lines = block.lines();
		int i = 0;
		while (i < lines.size()) {
			int start = i;
			StringBuilder command = new StringBuilder();
			String text = lines.get(i).strip();
			while (text.endsWith("\\") && i + 1 < lines.size()) {
				command.append(text, 0, text.length() - 1).append(' ');
				text = lines.get(++i).strip();
			}
			command.append(text);
			i++;
			if (!command.toString().startsWith("curl ")) {
				continue;
			}
			StringBuilder comment = new StringBuilder();
			while (i < lines.size() && lines.get(i).strip().startsWith("#")) {
				comment.append(lines.get(i).strip().substring(1).strip()).append(' ');
				i++;
			}
			examples.add(new CurlExample(block.start() + 2 + start, block.section(), command.toString(),
					comment.toString().strip(), List.of()));
		}
		return examples;
	}

	private static List<Block> blocks(List<String> readme) {
		List<Block> blocks = new ArrayList<>();
		@Nullable String language = null;
		String indent = "";
		int start = 0;
		List<String> lines = new ArrayList<>();
		String section = "";
		for (int i = 0; i < readme.size(); i++) {
			Matcher fence = FENCE.matcher(readme.get(i));
			if (language == null && readme.get(i).startsWith("## ")) {
				section = readme.get(i).substring(3).strip();
			}
			if (language == null && fence.matches()) {
				language = fence.group(2);
				indent = fence.group(1);
				start = i;
				lines = new ArrayList<>();
			}
			else if (language != null && fence.matches() && fence.group(2).isEmpty()) {
				blocks.add(new Block(language, section, start, i, lines));
				language = null;
			}
			else if (language != null) {
				String text = readme.get(i);
				lines.add(text.startsWith(indent) ? text.substring(indent.length()) : text);
			}
		}
		return blocks;
	}

	/**
	 * A fenced block.
	 *
	 * @param language its language, empty if none
	 * @param section the README section it is in
	 * @param start the index of its opening fence
	 * @param end the index of its closing fence
	 * @param lines what it holds
	 */
	private record Block(String language, String section, int start, int end, List<String> lines) {

	}

}
