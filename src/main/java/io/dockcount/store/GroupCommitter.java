package io.dockcount.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the journal: records appended by any thread are gathered for at most the
 * configured window (or until {@code maxBatch}), written in one transaction, made durable once,
 * and only then is each record's future completed with its journal number. One forced write then
 * acknowledges a whole burst of scans instead of one each.
 *
 * <p>One writer loop runs on the executor given (the blocking dispatcher) for the committer's
 * life. Records are written in the order they were appended, and their futures complete in that
 * order.
 *
 * <p><b>Warning:</b> the loop must not be interrupted (see {@link Store}); {@link #close()} asks
 * it to finish and waits.
 */
public final class GroupCommitter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
  private static final long IDLE_POLL_MS = 50;

  private record Pending(JournalEntry entry, CompletableFuture<Long> done) {}

  private final Store store;
  private final long windowNanos;
  private final int maxBatch;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private volatile boolean stopping;

  public GroupCommitter(Store store, Executor blocking) {
    this.store = store;
    this.windowNanos = store.settings().groupCommitWindow().toNanos();
    this.maxBatch = store.settings().maxBatch();
    blocking.execute(this::loop);
  }

  /**
   * Queues a record; the stage completes with its journal number once it is durable, or fails
   * with a {@link StoreException} when it could not be written (nothing of its batch was).
   */
  public CompletionStage<Long> append(JournalEntry entry) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    if (stopping) {
      done.completeExceptionally(new StoreException("journal is closing"));
    } else {
      queue.add(new Pending(entry, done));
    }
    return done;
  }

  /** Returns the number of commits written so far. */
  public long batches() {
    return batches.get();
  }

  /** Returns the number of records written so far. */
  public long records() {
    return records.get();
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    try {
      while (!stopping || !queue.isEmpty()) {
        Pending first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        gather(batch);
        write(batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.error("journal writer interrupted; {} records fail", queue.size() + batch.size());
      fail(batch, e);
    } catch (Throwable t) {
      log.error("journal writer stopped by an unexpected error", t);
      fail(batch, t);
    } finally {
      finished.complete(null);
    }
  }

  private void gather(List<Pending> batch) throws InterruptedException {
    long deadline = System.nanoTime() + windowNanos;
    while (batch.size() < maxBatch) {
      queue.drainTo(batch, maxBatch - batch.size());
      long left = deadline - System.nanoTime();
      if (batch.size() >= maxBatch || left <= 0) {
        return;
      }
      Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        return;
      }
      batch.add(next);
    }
  }

  private void write(List<Pending> batch) {
    List<JournalEntry> entries = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      entries.add(p.entry());
    }
    long[] seqs;
    try {
      seqs = store.append(entries);
    } catch (RuntimeException e) {
      log.error("journal: a batch of {} records could not be written; none is acknowledged",
          batch.size(), e);
      fail(batch, e);
      return;
    }
    batches.incrementAndGet();
    records.addAndGet(seqs.length);
    for (int i = 0; i < seqs.length; i++) {
      batch.get(i).done().complete(seqs[i]);
    }
  }

  private static void fail(List<Pending> batch, Throwable cause) {
    for (Pending p : batch) {
      p.done().completeExceptionally(cause instanceof StoreException ? cause
          : new StoreException("journal write failed", cause));
    }
  }

  /**
   * Stops taking records, writes those already queued, and waits up to {@code timeout} for the
   * writer to finish. Records still queued after that fail.
   */
  public void close(Duration timeout) {
    stopping = true;
    try {
      finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.error("journal writer did not finish within {}; not interrupting it", timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      log.error("journal writer failed", e.getCause());
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    fail(left, new StoreException("journal closed before the record was written"));
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
