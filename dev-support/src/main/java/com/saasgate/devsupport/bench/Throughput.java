package com.saasgate.devsupport.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/** Runs one operation on N threads for a fixed time and counts what succeeded. */
final class Throughput {

	/** One operation of one thread: {@code null} when it succeeded, else what went wrong. */
	interface Operation {

		String run() throws Exception;

	}

	/** What a measurement found; latencies are of successful and failed operations alike. */
	record Result(double perSecond, long operations, long errors, String firstError, double p50Millis,
			double p99Millis) {
	}

	private Throughput() {
	}

	/**
	 * @param operations makes each thread's operation (thread index in), so a thread can keep state such
	 * as its own refresh-token chain
	 */
	static Result measure(int threads, Duration duration, IntFunction<Operation> operations) {
		LongAdder ok = new LongAdder();
		LongAdder errors = new LongAdder();
		AtomicReference<String> firstError = new AtomicReference<>();
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		long[] window = new long[2];
		List<List<Long>> latencies = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Operation operation = operations.apply(i);
			List<Long> mine = new ArrayList<>();
			latencies.add(mine);
			Thread worker = new Thread(() -> {
				try {
					start.await();
					while (System.nanoTime() < window[1]) {
						long began = System.nanoTime();
						String error = operation.run();
						mine.add(System.nanoTime() - began);
						if (error == null) {
							ok.increment();
						}
						else {
							errors.increment();
							firstError.compareAndSet(null, error);
						}
					}
				}
				catch (Exception ex) {
					errors.increment();
					firstError.compareAndSet(null, ex.toString());
				}
			}, "bench-" + i);
			workers.add(worker);
			worker.start();
		}
		window[0] = System.nanoTime();
		window[1] = window[0] + duration.toNanos();
		start.countDown();
		for (Thread worker : workers) {
			try {
				worker.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		// Operations still running at the deadline finish and count: divide by the real elapsed time.
		double seconds = (System.nanoTime() - window[0]) / 1e9;
		// Joined threads: their lists are safely visible here.
		long[] all = latencies.stream().flatMap(List::stream).mapToLong(Long::longValue).sorted().toArray();
		return new Result(ok.sum() / seconds, ok.sum(), errors.sum(), firstError.get(), percentile(all, 0.50),
				percentile(all, 0.99));
	}

	/** Nearest-rank percentile in milliseconds; 0 when nothing ran. */
	static double percentile(long[] sortedNanos, double fraction) {
		if (sortedNanos.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(fraction * sortedNanos.length);
		return sortedNanos[Math.max(0, rank - 1)] / 1e6;
	}

}
