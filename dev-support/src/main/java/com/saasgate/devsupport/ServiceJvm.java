package com.saasgate.devsupport;

import java.util.List;

/**
 * The JVM settings the services ship with, used by {@code scripts/dev} and the end-to-end tests so
 * that both run what production runs (the README's "Sizing" section explains each).
 * <ul>
 * <li>Serial GC: one small heap on few cores; it has the smallest native overhead of HotSpot's
 * collectors, and its pauses at this heap size are a few milliseconds.</li>
 * <li>128 MiB heap: enough for either service's live set under load; Argon2's 19 MiB per hash is
 * native memory (argon2-jvm), outside the heap.</li>
 * <li>Metaspace, code cache, direct memory and thread stacks capped, so that the process size is
 * the sum of known limits rather than whatever the JVM's ergonomics pick on a 24 GiB machine.</li>
 * <li>Exit on {@code OutOfMemoryError}: a process that ran out of heap is restarted by its supervisor
 * rather than left half working.</li>
 * <li>The C heap trimmed every 5 s ({@code -XX:TrimNativeHeapInterval}, JDK 17.0.9 and later): glibc keeps
 * what native code freed (the JIT's arenas, Argon2's 19 MiB blocks between hashes) resident until asked to
 * give it back. Both services together 537 MiB resident after the soak instead of 607 (docs/benchmarks.md,
 * "Issue 16 on a quiet machine").</li>
 * </ul>
 */
public final class ServiceJvm {

	public static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx128m",
			"-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m", "-Xss512k",
			"-XX:+ExitOnOutOfMemoryError", "-XX:TrimNativeHeapInterval=5000");

	/** The first JDK 17 update with {@code -XX:TrimNativeHeapInterval}; an older JVM refuses to start with it. */
	private static final Runtime.Version TRIM_SINCE = Runtime.Version.parse("17.0.9");

	private ServiceJvm() {
	}

	/**
	 * {@link #OPTIONS} as a JVM of {@code version} takes them: without the heap trimming before 17.0.9, which
	 * would not start with it. The images always have it: they carry their own runtime.
	 */
	public static List<String> options(Runtime.Version version) {
		if (version.compareToIgnoreOptional(TRIM_SINCE) >= 0) {
			return OPTIONS;
		}
		return OPTIONS.stream().filter((option) -> !option.startsWith("-XX:TrimNativeHeapInterval")).toList();
	}

}
