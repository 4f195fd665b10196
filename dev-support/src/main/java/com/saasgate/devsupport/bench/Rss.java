package com.saasgate.devsupport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Resident set size of processes, from Linux's {@code /proc/<pid>/status} ({@code VmRSS}). */
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

}
