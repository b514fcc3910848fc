package io.mape.remote.influx.internal;

import com.influxdb.exceptions.InfluxException;
import io.mape.remote.influx.InfluxWriteOptions;
import io.mape.remote.influx.LossReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded queue of lines and the one daemon thread that writes them in batches, retries what the server cannot
 * take for now, and accounts for every line in the {@link Ledger}: written, or lost with a reason.
 *
 * <p>{@link #offer} takes no lock and never blocks; it wakes the writer only when the queue stops being empty (to
 * start the batch's flush interval) and when it reaches a full batch, so that a steady stream costs no hand-off per
 * line. Thread-safe.
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

    private final Sink sink;
    private final Ledger ledger;
    private final int batchSize;
    private final int bufferLimit;
    private final long flushIntervalNanos;
    private final long retryForNanos;
    private final long closeTimeoutNanos;
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    /** Lines offered and not yet taken by the writer; counted before they are in the queue. */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong flushRequests = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Thread thread;
    private volatile long closeDeadline;
    private volatile boolean abandoned;

    public PointWriter(Sink sink, Ledger ledger, InfluxWriteOptions options) {
        this.sink = sink;
        this.ledger = ledger;
        this.batchSize = options.batchSize();
        this.bufferLimit = options.bufferLimit();
        this.flushIntervalNanos = options.flushInterval().toNanos();
        this.retryForNanos = options.retryFor().toNanos();
        this.closeTimeoutNanos = options.closeTimeout().toNanos();
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
        int n = queued.incrementAndGet();
        if (n > bufferLimit) {
            queued.decrementAndGet();
            return false;
        }
        ledger.pending(1);
        queue.offer(line);
        // closed meanwhile: take it back unless the writer or close() already took it and accounts for it
        if (closing.get() && queue.remove(line)) {
            queued.decrementAndGet();
            ledger.pending(-1);
            return false;
        }
        if (n == 1 || n == batchSize) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /** Asks for what is queued to be written now rather than at the flush interval; returns at once. */
    public void flush() {
        flushRequests.incrementAndGet();
        LockSupport.unpark(thread);
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
        LockSupport.unpark(thread);
        try {
            TimeUnit.NANOSECONDS.timedJoin(thread, closeTimeoutNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        abandoned = true;
        LockSupport.unpark(thread);
        List<String> left = new ArrayList<>();
        drain(left, Integer.MAX_VALUE);
        if (!left.isEmpty()) {
            ledger.pending(-left.size());
            ledger.lost(LossReason.CLOSED, left.size(), "still waiting when the close timeout ran out");
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>(Math.min(batchSize, 10_000));
        long flushesSeen = 0;
        long deadline = 0;
        while (!abandoned) {
            long flushes = flushRequests.get();
            if (queued.get() == 0) {
                if (closing.get()) {
                    return;
                }
                flushesSeen = flushes;
                deadline = 0;
                LockSupport.parkNanos(this, flushIntervalNanos);
                continue;
            }
            if (deadline == 0) {
                deadline = System.nanoTime() + flushIntervalNanos;
            }
            boolean full;
            while (!(full = queued.get() >= batchSize) && flushes == flushesSeen && !closing.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, left);
                flushes = flushRequests.get();
            }
            drain(batch, batchSize);
            if (batch.isEmpty()) {
                // counted but not in the queue yet: its producer is between the two steps
                Thread.yield();
                continue;
            }
            write(batch);
            batch.clear();
            if (queued.get() == 0) {
                flushesSeen = flushes;
            }
            if (!full) {
                deadline = 0;
            }
        }
    }

    private void drain(List<String> into, int max) {
        int n = 0;
        String line;
        while (n < max && (line = queue.poll()) != null) {
            into.add(line);
            n++;
        }
        queued.addAndGet(-n);
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
                boolean wasClosing = closing.get();
                long giveUpAt = start + retryForNanos;
                if (wasClosing && closeDeadline - giveUpAt < 0) {
                    giveUpAt = closeDeadline;
                }
                long retryAt = System.nanoTime() + delay;
                if (abandoned || retryAt - giveUpAt > 0) {
                    ledger.lost(LossReason.UNAVAILABLE, n, describe(e));
                    break;
                }
                // wakes for new lines are ignored here; a close is not: its deadline may come first
                long left;
                while ((left = retryAt - System.nanoTime()) > 0 && closing.get() == wasClosing && !abandoned) {
                    LockSupport.parkNanos(this, left);
                }
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
