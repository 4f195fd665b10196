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

	/** What a measurement found. */
	record Result(double perSecond, long operations, long errors, String firstError) {
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
		for (int i = 0; i < threads; i++) {
			Operation operation = operations.apply(i);
			Thread worker = new Thread(() -> {
				try {
					start.await();
					while (System.nanoTime() < window[1]) {
						String error = operation.run();
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
		return new Result(ok.sum() / seconds, ok.sum(), errors.sum(), firstError.get());
	}

}
