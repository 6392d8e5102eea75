package io.hubbridge.bench;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The machine a run ran on, as results and the chart state it.
 *
 * @param cores processors available to the JVM
 * @param cpuModel {@code model name} of {@code /proc/cpuinfo}
 * @param memoryMib total memory ({@code MemTotal})
 * @param java Java version and VM of the tool (the bridge runs on the same)
 * @param os operating system and kernel
 * @param loadAverage {@code /proc/loadavg} when the run started: other work on the
 * machine
 */
record MachineInfo(int cores, String cpuModel, long memoryMib, String java, String os, String loadAverage) {

	static MachineInfo current() {
		String cpuinfo = ProcFiles.read(Path.of("/proc/cpuinfo"));
		String meminfo = ProcFiles.read(Path.of("/proc/meminfo"));
		String loadavg = ProcFiles.read(Path.of("/proc/loadavg"));
		return new MachineInfo(Runtime.getRuntime().availableProcessors(), modelName(cpuinfo),
				(meminfo != null) ? ProcFiles.statusKib(meminfo, "MemTotal:") / 1024 : -1,
				System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"),
				(loadavg != null) ? loadavg.trim() : "unknown");
	}

	static String modelName(@Nullable String cpuinfo) {
		if (cpuinfo != null) {
			for (String line : cpuinfo.split("\n")) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		return "unknown";
	}

}
