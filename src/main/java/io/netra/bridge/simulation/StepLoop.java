package io.netra.bridge.simulation;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that moves a share of the simulation in steps: API events are queued and applied at
 * the start of the next step, then the step itself runs, so each step works on a consistent view
 * and everything happens in order on this thread.
 */
final class StepLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StepLoop.class);

  private final Queue<Runnable> events = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService thread;
  private final LongConsumer body;
  private volatile long step;

  private StepLoop(String threadName, LongConsumer body) {
    this.body = body;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread created = new Thread(task, threadName);
              created.setDaemon(true);
              return created;
            });
  }

  /** Starts running {@code body} with the number of the step, every {@code period}. */
  static StepLoop start(String threadName, Duration period, LongConsumer body) {
    StepLoop loop = new StepLoop(threadName, body);
    long periodNanos = period.toNanos();
    loop.thread.scheduleWithFixedDelay(loop::step, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    return loop;
  }

  /** Runs {@code event} on the loop's thread at the start of the next step. */
  void enqueue(Runnable event) {
    events.add(event);
  }

  long currentStep() {
    return step;
  }

  private void step() {
    try {
      long now = step + 1;
      for (Runnable event = events.poll(); event != null; event = events.poll()) {
        event.run();
      }
      body.accept(now);
      step = now;
    } catch (RuntimeException e) {
      // A failed write (API down, timeout) must not stop the simulation: the next event retries.
      LOG.warn("simulation step failed", e);
      step = step + 1;
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
