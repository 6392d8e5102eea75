package io.hubbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Reads Linux's {@code /proc}: a process's CPU time and resident memory, the machine's
 * CPU time. Parsing is separate from reading so that it can be tested on samples.
 */
final class ProcFiles {

	/** Clock ticks per second of {@code /proc} times ({@code getconf CLK_TCK}). */
	private static final long TICKS_PER_SECOND = clockTicks();

	private ProcFiles() {
	}

	/** User plus system CPU time of a process, in ns; -1 if unreadable. */
	static long cpuNanos(long pid) {
		String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
		return (stat != null) ? cpuTicks(stat) * (1_000_000_000L / TICKS_PER_SECOND) : -1;
	}

	/** Resident memory of a process, in KiB; -1 if unreadable. */
	static long rssKib(long pid) {
		String status = read(Path.of("/proc", Long.toString(pid), "status"));
		return (status != null) ? statusKib(status, "VmRSS:") : -1;
	}

	/** The machine's {busy, total} CPU ticks over all cores, or null. */
	static long @Nullable [] machineTicks() {
		String stat = read(Path.of("/proc/stat"));
		return (stat != null) ? machineTicks(stat) : null;
	}

	/**
	 * utime + stime (fields 14 and 15) of a {@code /proc/PID/stat} line; the command name
	 * (field 2) is in parentheses and may hold spaces, so fields are counted after its
	 * closing parenthesis.
	 */
	static long cpuTicks(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
		// fields[0] is field 3 (state): utime is field 14, stime field 15
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/** A {@code kB} value of {@code /proc/PID/status}, in KiB; -1 if absent. */
	static long statusKib(String status, String key) {
		for (String line : status.split("\n")) {
			if (line.startsWith(key)) {
				return Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
			}
		}
		return -1;
	}

	/** {busy, total} from the first ({@code cpu}) line of {@code /proc/stat}. */
	static long[] machineTicks(String stat) {
		String[] fields = stat.substring(0, stat.indexOf('\n')).trim().split("\\s+");
		long total = 0;
		for (int i = 1; i < fields.length && i <= 8; i++) {
			total += Long.parseLong(fields[i]);
		}
		// idle (4) and iowait (5) are not busy
		long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
		return new long[] { total - idle, total };
	}

	static @Nullable String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static long clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(getconf.getInputStream().readAllBytes()).trim();
			getconf.waitFor();
			return Long.parseLong(out);
		}
		catch (IOException | RuntimeException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
