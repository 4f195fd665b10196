package com.saasgate.devsupport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resident set size of processes, from Linux's {@code /proc/<pid>/status} ({@code VmRSS}), and the CPU
 * time they used, from {@code /proc/<pid>/stat}.
 */
final class Rss {

	private Rss() {
	}

	/** KiB per name; a process that has gone, or a system without {@code /proc}, is left out. */
	static Map<String, Long> kibOf(Map<String, Long> pids) {
		Map<String, Long> rss = new TreeMap<>();
		pids.forEach((name, pid) -> {
			try {
				Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))
					.stream()
					.filter((line) -> line.startsWith("VmRSS:"))
					.findFirst()
					.ifPresent((line) -> rss.put(name, Long.parseLong(line.replaceAll("[^0-9]", ""))));
			}
			catch (IOException | RuntimeException ex) {
				// Not Linux, or the process is gone: nothing to report for it.
			}
		});
		return rss;
	}

	/**
	 * User + system CPU time of each process so far, in milliseconds ({@code utime} and {@code stime} of
	 * {@code /proc/<pid>/stat}, in clock ticks of 10 ms); a process that has gone is left out.
	 */
	static Map<String, Double> cpuMillisOf(Map<String, Long> pids) {
		Map<String, Double> cpu = new TreeMap<>();
		pids.forEach((name, pid) -> {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
				// Fields after the command name, which is in parentheses and may hold spaces.
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				// utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
				cpu.put(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0);
			}
			catch (IOException | RuntimeException ex) {
				// Not Linux, or the process is gone.
			}
		});
		return cpu;
	}

}
