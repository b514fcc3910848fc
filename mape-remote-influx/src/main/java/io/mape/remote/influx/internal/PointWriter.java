package io.mape.remote.influx.internal;

import com.influxdb.exceptions.InfluxException;
import io.mape.remote.influx.InfluxWriteOptions;
import io.mape.remote.influx.LossReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded queue of lines and the one daemon thread that writes them in batches, retries what the server cannot
 * take for now, and accounts for every line in the {@link Ledger}: written, or lost with a reason.
 * {@link #offer} never blocks. Thread-safe.
 */
public final class PointWriter {

    /** Writes one batch; throws what the client throws. */
    @FunctionalInterface
    public interface Sink {
        void write(List<String> lines);
    }

    static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long MAX_RETRY_DELAY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final AtomicLong THREADS = new AtomicLong();
    /** Wakes the writer when its queue is empty; told apart from lines by identity. */
    private static final String WAKE = new String("wake");

    private final Sink sink;
    private final Ledger ledger;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final long retryForNanos;
    private final long closeTimeoutNanos;
    private final ArrayBlockingQueue<String> queue;
    private final Thread thread;
    private final AtomicLong flushRequests = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile long closeDeadline;
    private volatile boolean abandoned;

    public PointWriter(Sink sink, Ledger ledger, InfluxWriteOptions options) {
        this.sink = sink;
        this.ledger = ledger;
        this.batchSize = options.batchSize();
        this.flushIntervalNanos = options.flushInterval().toNanos();
        this.retryForNanos = options.retryFor().toNanos();
        this.closeTimeoutNanos = options.closeTimeout().toNanos();
        this.queue = new ArrayBlockingQueue<>(options.bufferLimit());
        this.thread = new Thread(this::run, "mape-influx-writer-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a line; returns at once.
     *
     * @return false when the buffer is full or the writer is closed: the caller counts the loss
     */
    public boolean offer(String line) {
        if (closing.get()) {
            return false;
        }
        ledger.pending(1);
        if (!queue.offer(line)) {
            ledger.pending(-1);
            return false;
        }
        // closed meanwhile: take it back unless the writer or close() already took it and accounts for it
        if (closing.get() && queue.remove(line)) {
            ledger.pending(-1);
            return false;
        }
        return true;
    }

    /** Asks for what is queued to be written now rather than at the flush interval; returns at once. */
    public void flush() {
        flushRequests.incrementAndGet();
        queue.offer(WAKE);
    }

    /**
     * Writes what is pending, waiting up to the close timeout, then stops the thread; lines still waiting then are
     * lost ({@link LossReason#CLOSED}). Idempotent.
     */
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeDeadline = System.nanoTime() + closeTimeoutNanos;
        queue.offer(WAKE);
        LockSupport.unpark(thread);
        try {
            TimeUnit.NANOSECONDS.timedJoin(thread, closeTimeoutNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        abandoned = true;
        List<String> left = new ArrayList<>();
        queue.drainTo(left);
        left.removeIf(l -> l == WAKE);
        if (!left.isEmpty()) {
            ledger.pending(-left.size());
            ledger.lost(LossReason.CLOSED, left.size(), "still waiting when the close timeout ran out");
        }
        ledger.reportAll();
    }

    private void run() {
        List<String> batch = new ArrayList<>(batchSize);
        long deadline = 0;
        long flushesSeen = 0;
        try {
            while (!abandoned) {
                if (batch.isEmpty()) {
                    if (closing.get() && queue.isEmpty()) {
                        return;
                    }
                    String line = queue.poll(flushIntervalNanos, TimeUnit.NANOSECONDS);
                    ledger.reportDue();
                    if (line == null || line == WAKE) {
                        long flushes = flushRequests.get();
                        if (queue.isEmpty()) {
                            flushesSeen = flushes;
                        }
                        continue;
                    }
                    batch.add(line);
                    deadline = System.nanoTime() + flushIntervalNanos;
                }
                long flushes = flushRequests.get();
                queue.drainTo(batch, batchSize - batch.size());
                batch.removeIf(l -> l == WAKE);
                boolean flushing = flushes != flushesSeen || closing.get();
                if (batch.size() >= batchSize || System.nanoTime() - deadline >= 0 || flushing) {
                    write(batch);
                    batch.clear();
                    if (queue.isEmpty()) {
                        flushesSeen = flushes;
                    }
                } else {
                    String line = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (line != null && line != WAKE) {
                        batch.add(line);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!batch.isEmpty()) {
                ledger.pending(-batch.size());
                ledger.lost(LossReason.CLOSED, batch.size(), "the writer thread was interrupted");
            }
        }
    }

    private void write(List<String> batch) {
        int n = batch.size();
        long start = System.nanoTime();
        long delay = FIRST_RETRY_NANOS;
        while (true) {
            try {
                sink.write(batch);
                ledger.written(n);
                break;
            } catch (RuntimeException e) {
                if (!retryable(e)) {
                    ledger.lost(LossReason.REJECTED, n, describe(e));
                    break;
                }
                long giveUpAt = start + retryForNanos;
                if (closing.get() && closeDeadline - giveUpAt < 0) {
                    giveUpAt = closeDeadline;
                }
                if (abandoned || System.nanoTime() + delay - giveUpAt > 0) {
                    ledger.lost(LossReason.UNAVAILABLE, n, describe(e));
                    break;
                }
                LockSupport.parkNanos(this, delay);
                delay = Math.min(delay * 2, MAX_RETRY_DELAY_NANOS);
            }
        }
        ledger.pending(-n);
    }

    /** Not reached, 429, 5xx: worth another try. Any other 4xx or error: the same batch would fail again. */
    static boolean retryable(RuntimeException e) {
        if (!(e instanceof InfluxException ie)) {
            return false;
        }
        int status = ie.status();
        return status == 0 || status == 429 || status >= 500;
    }

    /** The client's message on one line; it names the HTTP status when there was an answer. */
    static String describe(RuntimeException e) {
        return (e.getMessage() != null ? e.getMessage() : e.toString()).replaceAll("\\s*\\R\\s*", " ");
    }
}
