package io.hubbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * Draws a series of runs as an SVG (written by hand: no dependency): latency percentiles
 * (log scale) and deliveries per second against the number of subscribers. It draws the
 * runs planned like the latest one (same publish mode, rooms, rate and body size), the
 * latest run for each subscriber count, and says which machine and JVM they ran on.
 */
final class LatencyChart {

	static final String[] PERCENTILES = { "p50", "p90", "p99", "p999", "max" };

	private static final String[] LABELS = { "p50", "p90", "p99", "p99.9", "max" };

	private static final String[] COLORS = { "#1b9e77", "#7570b3", "#d95f02", "#e7298a", "#666666" };

	private static final int WIDTH = 960;

	private static final int HEIGHT = 460;

	private static final int PLOT_WIDTH = 380;

	private static final int PLOT_HEIGHT = 280;

	private static final int TOP = 90;

	private static final int LEFT_X = 70;

	private static final int RIGHT_X = 550;

	private LatencyChart() {
	}

	static String svg(List<JsonNode> series) {
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"sans-serif\" font-size=\"12\">%n",
				WIDTH, HEIGHT, WIDTH, HEIGHT, WIDTH, HEIGHT));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		List<JsonNode> runs = chosen(series);
		if (runs.isEmpty()) {
			text(svg, WIDTH / 2, HEIGHT / 2, "middle", 14, "no runs yet");
			return svg.append("</svg>\n").toString();
		}
		JsonNode latest = runs.get(runs.size() - 1);
		JsonNode machine = latest.path("machine");
		text(svg, WIDTH / 2, 24, "middle", 16, "hub-bridge fan-out: " + key(latest) + ", "
				+ latest.path("plan").path("shoutsPerRoom").asInt() + " shouts per room");
		text(svg, WIDTH / 2, 44, "middle", 12,
				machine.path("cores").asInt() + " cores, " + machine.path("cpuModel").asString("") + ", "
						+ machine.path("memoryMib").asLong() / 1024 + " GiB, Java "
						+ machine.path("java").asString(""));
		text(svg, WIDTH / 2, 62, "middle", 12, "bridge JVM: " + latest.path("bridge").path("jvmFlags").asString("")
				+ "; latest run " + latest.path("timestamp").asString(""));
		latencyPanel(svg, runs);
		throughputPanel(svg, runs);
		return svg.append("</svg>\n").toString();
	}

	/** The runs planned like the latest, the latest per subscriber count, by count. */
	static List<JsonNode> chosen(List<JsonNode> series) {
		if (series.isEmpty()) {
			return List.of();
		}
		String key = key(series.get(series.size() - 1));
		Map<Integer, JsonNode> byCount = new TreeMap<>();
		for (JsonNode run : series) {
			if (key(run).equals(key)) {
				byCount.put(run.path("plan").path("subscribers").asInt(), run);
			}
		}
		return new ArrayList<>(byCount.values());
	}

	private static String key(JsonNode run) {
		JsonNode plan = run.path("plan");
		int bodyBytes = plan.path("bodyBytes").asInt();
		return "published via " + plan.path("publish").asString("") + ", " + plan.path("rooms").asInt() + " room(s), "
				+ BenchReport.number(plan.path("rate").asDouble()) + " shouts/s per room"
				+ ((bodyBytes > 0) ? ", " + bodyBytes + "-byte bodies" : "")
				+ (plan.path("subscribe").asString("sse").equals("websocket")
						? ", websocket subscribers straight to Hub" : "")
				+ ((plan.path("warmupSeconds").asDouble() > 0)
						? ", after a " + BenchReport.number(plan.path("warmupSeconds").asDouble()) + " s warm-up" : "");
	}

	private static void latencyPanel(StringBuilder svg, List<JsonNode> runs) {
		double low = Double.MAX_VALUE;
		double high = 0;
		for (JsonNode run : runs) {
			for (String percentile : PERCENTILES) {
				double value = Math.max(0.01, run.path("latencyMs").path(percentile).asDouble());
				low = Math.min(low, value);
				high = Math.max(high, value);
			}
		}
		int lowDecade = (int) Math.floor(Math.log10(low));
		int highDecade = Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(high)));
		frame(svg, LEFT_X, "latency, send to receipt (ms, log scale)", runs);
		for (int decade = lowDecade; decade <= highDecade; decade++) {
			double y = yLog(Math.pow(10, decade), lowDecade, highDecade);
			gridLine(svg, LEFT_X, y, BenchReport.number(Math.pow(10, decade)));
		}
		for (int p = 0; p < PERCENTILES.length; p++) {
			List<double[]> points = new ArrayList<>();
			for (int i = 0; i < runs.size(); i++) {
				double value = Math.max(0.01, runs.get(i).path("latencyMs").path(PERCENTILES[p]).asDouble());
				points.add(new double[] { x(LEFT_X, i, runs.size()), yLog(value, lowDecade, highDecade) });
			}
			line(svg, points, COLORS[p], false);
			int legendY = TOP + 14 + p * 16;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n", LEFT_X + 10,
					legendY - 4, LEFT_X + 28, legendY - 4, COLORS[p]));
			text(svg, LEFT_X + 32, legendY, "start", 11, LABELS[p]);
		}
	}

	private static void throughputPanel(StringBuilder svg, List<JsonNode> runs) {
		double high = 0;
		for (JsonNode run : runs) {
			high = Math.max(high, Math.max(run.path("deliveries").path("perSecond").asDouble(),
					run.path("deliveries").path("offeredPerSecond").asDouble()));
		}
		double step = niceStep(high / 5);
		double top = Math.max(step, Math.ceil(high / step) * step);
		frame(svg, RIGHT_X, "deliveries per second (received; dashed: offered)", runs);
		for (double value = 0; value <= top + step / 2; value += step) {
			gridLine(svg, RIGHT_X, TOP + PLOT_HEIGHT - value / top * PLOT_HEIGHT, BenchReport.number(value));
		}
		List<double[]> received = new ArrayList<>();
		List<double[]> offered = new ArrayList<>();
		for (int i = 0; i < runs.size(); i++) {
			JsonNode deliveries = runs.get(i).path("deliveries");
			double x = x(RIGHT_X, i, runs.size());
			received.add(new double[] { x,
					TOP + PLOT_HEIGHT - deliveries.path("perSecond").asDouble() / top * PLOT_HEIGHT });
			offered.add(new double[] { x,
					TOP + PLOT_HEIGHT - deliveries.path("offeredPerSecond").asDouble() / top * PLOT_HEIGHT });
		}
		line(svg, offered, "#999999", true);
		line(svg, received, "#1f78b4", false);
	}

	private static void frame(StringBuilder svg, int left, String title, List<JsonNode> runs) {
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333333\"/>%n", left, TOP,
				PLOT_WIDTH, PLOT_HEIGHT));
		text(svg, left + PLOT_WIDTH / 2, TOP - 8, "middle", 12, title);
		for (int i = 0; i < runs.size(); i++) {
			int x = (int) x(left, i, runs.size());
			text(svg, x, TOP + PLOT_HEIGHT + 16, "middle", 11,
					BenchReport.number(runs.get(i).path("plan").path("subscribers").asInt()));
		}
		text(svg, left + PLOT_WIDTH / 2, TOP + PLOT_HEIGHT + 36, "middle", 12, "subscribers");
	}

	private static void gridLine(StringBuilder svg, int left, double y, String label) {
		svg.append(
				String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>%n",
						left, y, left + PLOT_WIDTH, y));
		text(svg, left - 6, (int) Math.round(y) + 4, "end", 11, label);
	}

	private static void line(StringBuilder svg, List<double[]> points, String color, boolean dashed) {
		StringBuilder coordinates = new StringBuilder();
		for (double[] point : points) {
			coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", point[0], point[1]));
			svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", point[0],
					point[1], color));
		}
		svg.append(String.format(Locale.ROOT,
				"<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
				coordinates.toString().trim(), color, dashed ? " stroke-dasharray=\"4 3\"" : ""));
	}

	private static double x(int left, int index, int count) {
		return left + PLOT_WIDTH * (index + 0.5) / count;
	}

	private static double yLog(double value, int lowDecade, int highDecade) {
		double fraction = (Math.log10(value) - lowDecade) / (highDecade - lowDecade);
		return TOP + PLOT_HEIGHT - fraction * PLOT_HEIGHT;
	}

	/** 1, 2 or 5 times a power of ten, at least {@code rough}. */
	static double niceStep(double rough) {
		if (rough <= 0) {
			return 1;
		}
		double power = Math.pow(10, Math.floor(Math.log10(rough)));
		for (double factor : new double[] { 1, 2, 5, 10 }) {
			if (factor * power >= rough) {
				return factor * power;
			}
		}
		return 10 * power;
	}

	private static void text(StringBuilder svg, int x, int y, String anchor, int size, String text) {
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
				x, y, anchor, size, escape(text)));
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
