package io.mape.remote.spi;

import io.mape.internal.LossLog;
import io.mape.observe.Observability;
import io.mape.remote.BatchOptions;
import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.OverflowPolicy;
import io.mape.remote.SinkOptions;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded FIFO in front of every sink: items wait here while the server is away (or slower than the source)
 * and go out in order once it is back; what cannot wait is dropped by the {@link OverflowPolicy}, counted and
 * logged. Sends pause with an exponential backoff ({@link SinkOptions#minBackoff()} to
 * {@link SinkOptions#maxBackoff()}) while the connection is down or a send answers {@link SendResult#RETRY};
 * closing waits up to a grace period for what is pending. Every item offered ends in exactly one of sent, failed,
 * dropped (by reason) or pending in {@link #stats()}.
 *
 * <p><b>Threads.</b> {@link #offer} sends at once on the calling thread when nothing waits (no hop on the fast
 * path); otherwise the item is sent by whichever thread drains next: a pushing thread, or a worker of the
 * scheduler (after an answer or a backoff), never the thread that delivered an answer. Only one thread sends at a
 * time, in FIFO order; a send made from within a send (a feedback cycle) is queued, not recursed into.
 * {@link OverflowPolicy#BLOCK} makes {@code offer} wait for room. Thread-safe.
 *
 * <p><b>Batches.</b> Built with a {@link BatchSender} and {@link BatchOptions}, the outbox sends up to
 * {@link BatchOptions#maxSize()} items in one send: a full batch at once, a partial one once its oldest item has
 * waited {@link BatchOptions#flushInterval()} (on the scheduler's clock), on {@link #flush()}, or while closing.
 * Everything above holds per item (capacity and stats count items; the in-flight bound counts sends); a batch
 * answered {@link SendResult#RETRY} is sent again, the same items in one batch, after the backoff and before
 * anything that waits.
 *
 * @param <E> what is sent (an encoded item, say)
 */
public final class Outbox<E> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    /** Sends one item; {@code done} is called once, on any thread. */
    @FunctionalInterface
    public interface Sender<E> {
        void send(E item, TransportDriver.SendCallback done);
    }

    /**
     * Sends a batch of items in one request; {@code done} is called once, on any thread, and its answer is that of
     * every item of the batch. The batch is read-only, in FIFO order; one answered {@link SendResult#RETRY} comes
     * back later with the same items.
     */
    @FunctionalInterface
    public interface BatchSender<E> {
        void send(List<E> batch, TransportDriver.SendCallback done);
    }

    private final String name;
    private final SinkOptions options;
    /** The sender of one item, or null when {@link #batchSender} sends batches. */
    private final Sender<E> sender;
    private final BatchSender<E> batchSender;
    /** The most items in one send: 1 for {@link #sender}. */
    private final int maxBatch;
    private final long flushIntervalNanos;
    private final BooleanSupplier connected;
    private final int maxInFlight;
    private final Scheduler scheduler;
    private final Predicate<? super E> expendable;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<E> queue = new ArrayDeque<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final LossLog lossLog = new LossLog(LOG);
    private volatile BiConsumer<DropReason, String> drops;
    /** Items awaiting their answer. */
    private int inFlight;
    /** Sends awaiting their answer, at most {@link #maxInFlight}. */
    private int sends;
    /**
     * Items whose send answered RETRY, in order: sent again before the queue, as the batch they were, and never
     * dropped by {@link OverflowPolicy#DROP_OLDEST}; null when there are none.
     */
    private List<E> retry;
    /** The queue's oldest item has waited the flush interval, or a flush was asked for: a partial batch may go. */
    private boolean flushDue;
    /** The timer that makes {@link #flushDue} true, while one is armed, and its number (a fired old one is ignored). */
    private Disposable flushTimer;
    private long flushTimers;
    private boolean paused;
    private long backoffNanos;
    private boolean closed;
    /** Closing is over: its grace period has passed or nothing was left. A RETRY from then on is a drop. */
    private boolean settled;

    /**
     * An outbox named {@code name} (for logs), sending through {@code sender} while {@code connected} says so, at
     * most {@code maxInFlight} awaiting their answer, backing off on {@code scheduler}.
     */
    public Outbox(String name, SinkOptions options, Sender<E> sender, BooleanSupplier connected, int maxInFlight,
                  Scheduler scheduler) {
        this(name, options, sender, connected, maxInFlight, scheduler, item -> false);
    }

    /**
     * An outbox as above, where the items {@code expendable} names (the end of a stream, say) are dropped at close
     * as {@link DropReason#CLOSED} like any other, but logged at DEBUG only: their loss is expected.
     */
    public Outbox(String name, SinkOptions options, Sender<E> sender, BooleanSupplier connected, int maxInFlight,
                  Scheduler scheduler, Predicate<? super E> expendable) {
        this(name, options, Objects.requireNonNull(sender, "sender"), null, 1, 0, connected, maxInFlight, scheduler,
                expendable);
    }

    /**
     * An outbox that sends batches made by {@code batching} through {@code sender}, at most {@code maxInFlight}
     * batches awaiting their answer; its flush timer and backoff run on {@code scheduler}.
     */
    public Outbox(String name, SinkOptions options, BatchOptions batching, BatchSender<E> sender,
                  BooleanSupplier connected, int maxInFlight, Scheduler scheduler) {
        this(name, options, null, Objects.requireNonNull(sender, "sender"), batching.maxSize(),
                batching.flushInterval().toNanos(), connected, maxInFlight, scheduler, item -> false);
    }

    private Outbox(String name, SinkOptions options, Sender<E> sender, BatchSender<E> batchSender, int maxBatch,
                   long flushIntervalNanos, BooleanSupplier connected, int maxInFlight, Scheduler scheduler,
                   Predicate<? super E> expendable) {
        this.expendable = Objects.requireNonNull(expendable, "expendable");
        this.name = Objects.requireNonNull(name, "name");
        this.options = Objects.requireNonNull(options, "options");
        this.sender = sender;
        this.batchSender = batchSender;
        this.maxBatch = maxBatch;
        this.flushIntervalNanos = flushIntervalNanos;
        this.connected = Objects.requireNonNull(connected, "connected");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.backoffNanos = options.minBackoff().toNanos();
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
    }

    /**
     * Takes {@code item} to be sent in order, or drops it (counted, logged) when the outbox is full by its policy
     * or closed. With {@link OverflowPolicy#BLOCK} it waits for room first.
     *
     * @return whether {@code item} was taken (a {@link OverflowPolicy#DROP_OLDEST} take may drop another)
     */
    public boolean offer(E item) {
        Objects.requireNonNull(item, "item");
        lock.lock();
        try {
            accepted.increment();
            if (closed) {
                return drop(DropReason.CLOSED, 1, "the sink is closed");
            }
            if (size() >= options.capacity() && !makeRoom()) {
                return drop(DropReason.OVERFLOW, 1, options.capacity() + " items wait already ("
                        + options.overflow() + ")");
            }
            queue.add(item);
            if (batchSender != null && flushTimer == null && !flushDue) {
                armFlushTimer();
            }
        } finally {
            lock.unlock();
        }
        drain();
        return true;
    }

    /**
     * Tells {@code listener} of each drop as it is counted, with the reason and why (the items still waiting when
     * the outbox closes as one call); under the outbox's lock, so it must be short and must not call back. For a
     * sink's {@link io.mape.observe.Event.Drop}s ({@link #publishDrops} sets one). Null for none, the default.
     */
    public void onDrop(BiConsumer<DropReason, String> listener) {
        this.drops = listener;
    }

    /**
     * Publishes each drop as an {@link io.mape.observe.Event.Drop} of {@code path} (the sink's channel, or its name)
     * with the reason's {@link DropReason#wireName()}, while {@code observability} has a listener: the
     * {@link #onDrop} of a sink.
     */
    public void publishDrops(Observability observability, String path) {
        Objects.requireNonNull(observability, "observability");
        Objects.requireNonNull(path, "path");
        onDrop((reason, why) -> observability.publishDrop(path, reason.wireName(), () -> why));
    }

    /** Counts an item that was offered to the sink but could not be made into something to send. */
    public void refuse(DropReason reason, String why) {
        lock.lock();
        try {
            accepted.increment();
            drop(reason, 1, why);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Offers an encoded item of {@code bytes} bytes, unless it is larger than {@link SinkOptions#maxItemBytes()}:
     * then it is refused as {@link DropReason#TOO_LARGE} (counted, logged).
     *
     * @return whether {@code item} was taken
     */
    public boolean offerEncoded(E item, int bytes) {
        if (bytes > options.maxItemBytes()) {
            refuse(DropReason.TOO_LARGE, "the item is " + bytes + " bytes encoded, over the "
                    + options.maxItemBytes() + " of SinkOptions.maxItemBytes");
            return false;
        }
        return offer(item);
    }

    /**
     * Sends the partial batch that waits now rather than at its flush interval (as far as the backoff and the
     * in-flight bound let it); returns at once. An outbox that sends one item at a time never makes items wait
     * for a batch, so for it this only drains.
     */
    public void flush() {
        lock.lock();
        try {
            flushDue = !queue.isEmpty();
        } finally {
            lock.unlock();
        }
        drain();
    }

    /** A consistent snapshot of the counters. */
    public DeliveryStats stats() {
        lock.lock();
        try {
            Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
            dropped.forEach((r, n) -> d.put(r, n.sum()));
            return DeliveryStats.ofSink(accepted.sum(), sent.sum(), acknowledged.sum(), d, failed.sum(), size());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking items, waits up to {@code grace} for what is pending to be sent (a partial batch goes at once),
     * then drops what still waits ({@link DropReason#CLOSED}). A send answered {@link SendResult#RETRY} within the
     * grace period is sent again after the backoff, as before closing; sends still in flight once it is over are
     * counted when they answer, one that answers {@link SendResult#RETRY} then as {@link DropReason#CLOSED} (never
     * sent again). Idempotent.
     *
     * @return whether nothing was left pending
     */
    public boolean close(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        int left;
        long expected;
        boolean drained;
        lock.lock();
        try {
            closed = true;
            paused = false;
            long nanos;
            while (size() > 0 && (nanos = deadline - System.nanoTime()) > 0) {
                lock.unlock();
                try {
                    drain();
                } finally {
                    lock.lock();
                }
                if (size() > 0) {
                    changed.awaitNanos(Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(10)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            List<E> waiting = new ArrayList<>(queue);
            if (retry != null) {
                waiting.addAll(retry);
            }
            left = waiting.size();
            expected = waiting.stream().filter(expendable).count();
            queue.clear();
            retry = null;
            cancelFlushTimer();
            settled = true;
            dropped.get(DropReason.CLOSED).add(left);
            if (left > 0) {
                told(DropReason.CLOSED, left + " items not sent within the grace period of " + grace);
            }
            drained = inFlight == 0 && left == 0;
            changed.signalAll();
            lock.unlock();
        }
        if (left > expected) {
            LOG.warn("{}: closed with {} items not sent within the grace period of {}", name, left, grace);
        } else if (left > 0) {
            LOG.debug("{}: closed with {} expendable items not sent within the grace period of {}", name, left, grace);
        }
        return drained;
    }

    /** Closes with the grace period of the options. */
    @Override
    public void close() {
        close(options.closeGrace());
    }

    private int size() {
        return queue.size() + inFlight + (retry == null ? 0 : retry.size());
    }

    /** Under the lock: makes room by the policy. */
    private boolean makeRoom() {
        switch (options.overflow()) {
            case DROP_OLDEST -> {
                if (queue.isEmpty()) {
                    return false;
                }
                queue.poll();
                drop(DropReason.OVERFLOW, 1, "dropped the oldest waiting item: " + options.capacity() + " wait");
                return true;
            }
            case BLOCK -> {
                long nanos = options.blockTimeout().toNanos();
                try {
                    while (size() >= options.capacity() && !closed) {
                        if (nanos <= 0) {
                            return false;
                        }
                        nanos = changed.awaitNanos(nanos);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                return !closed;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean drop(DropReason reason, long n, String why) {
        LongAdder total = dropped.get(reason);
        total.add(n);
        lossLog.warn("{}: dropped {} ({}): {}; {} dropped for this reason so far", name,
                n == 1 ? "an item" : n + " items", reason, why, total.sum());
        told(reason, why);
        return false;
    }

    private void told(DropReason reason, String why) {
        BiConsumer<DropReason, String> d = drops;
        if (d != null) {
            d.accept(reason, why);
        }
    }

    /** Sends what is due, in order, until nothing is, or the outbox is paused, disconnected or at its in-flight bound. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (sender != null) {
                E item;
                while ((item = take()) != null) {
                    E sending = item;
                    try {
                        sender.send(sending, (result, cause) -> answered(sending, null, result, cause));
                    } catch (RuntimeException e) {
                        answered(sending, null, SendResult.FAILED, e);
                    }
                }
            } else {
                List<E> batch;
                while ((batch = takeBatch()) != null) {
                    List<E> sending = batch;
                    try {
                        batchSender.send(sending, (result, cause) -> answered(null, sending, result, cause));
                    } catch (RuntimeException e) {
                        answered(null, sending, SendResult.FAILED, e);
                    }
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /** The next item to send, counted in flight, or null when there is none to send now. */
    private E take() {
        lock.lock();
        try {
            if (!maySend()) {
                return null;
            }
            inFlight++;
            return retry != null ? takeRetry(1).get(0) : queue.poll();
        } finally {
            lock.unlock();
        }
    }

    /** The next batch to send, counted in flight, or null when none is due now. */
    private List<E> takeBatch() {
        lock.lock();
        try {
            if (!maySend()) {
                return null;
            }
            List<E> batch;
            if (retry != null) {
                batch = takeRetry(maxBatch);
            } else {
                List<E> polled = new ArrayList<>(Math.min(maxBatch, queue.size()));
                while (polled.size() < maxBatch && !queue.isEmpty()) {
                    polled.add(queue.poll());
                }
                batch = Collections.unmodifiableList(polled);
                if (queue.isEmpty()) {
                    cancelFlushTimer();
                }
            }
            inFlight += batch.size();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under the lock: whether something is due to be sent: items to send again, an item, or a batch that is full,
     * has waited its flush interval, or is left at close.
     */
    private boolean due() {
        return retry != null || !queue.isEmpty() && (queue.size() >= maxBatch || flushDue || closed);
    }

    /**
     * Under the lock: whether a send may go now, counted if so: something is {@link #due()}, no backoff is on, the
     * in-flight bound has room, and the connection is up (else it pauses).
     */
    private boolean maySend() {
        if (paused || !due() || sends >= maxInFlight) {
            return false;
        }
        if (!connected.getAsBoolean()) {
            pause();
            return false;
        }
        sends++;
        return true;
    }

    /** Under the lock: the first {@code max} items to send again, keeping the rest for the next send. */
    private List<E> takeRetry(int max) {
        List<E> all = retry;
        if (all.size() <= max) {
            retry = null;
            return all;
        }
        retry = all.subList(max, all.size());
        return all.subList(0, max);
    }

    /** Under the lock: the flush interval starts for the queue's oldest item. */
    private void armFlushTimer() {
        long timer = ++flushTimers;
        flushTimer = scheduler.scheduleDirect(() -> {
            lock.lock();
            try {
                if (timer != flushTimers) {
                    return;
                }
                flushTimer = null;
                flushDue = true;
            } finally {
                lock.unlock();
            }
            drain();
        }, flushIntervalNanos, TimeUnit.NANOSECONDS);
    }

    /** Under the lock: nothing waits for a flush any more. */
    private void cancelFlushTimer() {
        flushDue = false;
        flushTimers++;
        if (flushTimer != null) {
            flushTimer.dispose();
            flushTimer = null;
        }
    }

    /**
     * Counts the answer to a send of {@code item}, or of {@code batch}. What waits is then sent from a worker of the
     * scheduler, never from the answering thread: that is often the driver's I/O thread, where a send could overtake
     * one another thread has just queued to it.
     */
    private void answered(E item, List<E> batch, SendResult result, Throwable cause) {
        int n = batch == null ? 1 : batch.size();
        boolean more;
        lock.lock();
        try {
            switch (result) {
                case ACKNOWLEDGED -> {
                    sent.add(n);
                    acknowledged.add(n);
                }
                case SENT -> sent.add(n);
                case FAILED -> failed.add(n);
                default -> {
                }
            }
            inFlight -= n;
            sends--;
            if (result == SendResult.RETRY) {
                again(batch == null ? List.of(item) : batch);
            } else if (result != SendResult.FAILED) {
                backoffNanos = options.minBackoff().toNanos();
            }
            more = !paused && due();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (result == SendResult.FAILED) {
            lossLog.warn("{}: {} not sent: {}; {} failed so far", name, n == 1 ? "an item was" : n + " items were",
                    cause == null ? "failed"
                    : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(),
                    failed.sum());
        }
        if (more) {
            scheduler.scheduleDirect(this::drain);
        }
    }

    /**
     * Under the lock: {@code items}, whose send answered RETRY, are sent again first after the backoff; once closing
     * is over they are dropped as {@link DropReason#CLOSED} instead (the expendable ones without a warning).
     */
    private void again(List<E> items) {
        if (settled) {
            long expected = items.stream().filter(expendable).count();
            dropped.get(DropReason.CLOSED).add(expected);
            if (items.size() > expected) {
                drop(DropReason.CLOSED, items.size() - expected,
                        "the sink closed while it was being sent, and the server asked to retry");
            }
            return;
        }
        if (retry != null) {
            List<E> both = new ArrayList<>(items);
            both.addAll(retry);
            items = both;
        }
        retry = items;
        pause();
    }

    /** Under the lock: stops sending until the backoff has passed, then drains again. */
    private void pause() {
        if (paused) {
            return;
        }
        paused = true;
        long delay = backoffNanos;
        backoffNanos = Math.min(backoffNanos * 2, options.maxBackoff().toNanos());
        scheduler.scheduleDirect(() -> {
            lock.lock();
            try {
                paused = false;
            } finally {
                lock.unlock();
            }
            drain();
        }, delay, TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return "Outbox{" + name + ", " + stats() + "}";
    }
}
