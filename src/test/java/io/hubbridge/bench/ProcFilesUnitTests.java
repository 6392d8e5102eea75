package io.hubbridge.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

class ProcFilesUnitTests {

	@Test
	void cpuTicksAreUtimePlusStimeCountedAfterTheCommandName() {
		String stat = "4242 (java (bench) x) S 1 4242 4242 0 -1 4194560 29813 0 71 0 1500 250 0 0 20 0 53 0 123 "
				+ "4000000000 90000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
		assertThat(ProcFiles.cpuTicks(stat)).isEqualTo(1750);
	}

	@Test
	void statusValuesAreReadInKib() {
		String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  345678 kB\nThreads:\t53\n";
		assertThat(ProcFiles.statusKib(status, "VmRSS:")).isEqualTo(345678);
		assertThat(ProcFiles.statusKib(status, "VmSwap:")).isEqualTo(-1);
	}

	@Test
	void machineTicksCountIdleAndIowaitAsNotBusy() {
		String stat = "cpu  100 5 50 800 40 3 2 0 0 0\ncpu0 50 2 25 400 20 1 1 0 0 0\n";
		assertThat(ProcFiles.machineTicks(stat)).containsExactly(160, 1000);
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void thisProcessHasCpuTimeAndResidentMemory() {
		long pid = ProcessHandle.current().pid();
		assertThat(ProcFiles.cpuNanos(pid)).isPositive();
		assertThat(ProcFiles.rssKib(pid)).isPositive();
	}

	@Test
	void heapUsedIsTheSumOfTheHeapPools() {
		String metrics = """
				# HELP jvm_memory_used_bytes The amount of used memory
				# TYPE jvm_memory_used_bytes gauge
				jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1048576.0
				jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.097152E7
				jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
				jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 5.36870912E8
				""";
		assertThat(PrometheusText.heapUsedBytes(metrics)).isEqualTo(1048576 + 20971520);
	}

}
