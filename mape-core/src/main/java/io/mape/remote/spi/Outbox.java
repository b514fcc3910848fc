package io.mape.remote.spi;

import io.mape.internal.LossLog;
import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.OverflowPolicy;
import io.mape.remote.SinkOptions;
import io.reactivex.rxjava3.core.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
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
 * scheduler (after an answer or a backoff), never the thread that delivered an answer. Only one thread sends at a time, in FIFO order; a send made from within a send (a
 * feedback cycle) is queued, not recursed into. {@link OverflowPolicy#BLOCK} makes {@code offer} wait for room.
 * Thread-safe.
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

    private final String name;
    private final SinkOptions options;
    private final Sender<E> sender;
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
    private int inFlight;
    /** The head of the queue is an item whose send answered RETRY: it keeps its place ({@link #makeRoom}). */
    private boolean headRetried;
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
        this.expendable = Objects.requireNonNull(expendable, "expendable");
        this.name = Objects.requireNonNull(name, "name");
        this.options = Objects.requireNonNull(options, "options");
        this.sender = Objects.requireNonNull(sender, "sender");
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
                return drop(DropReason.CLOSED, "the sink is closed");
            }
            if (size() >= options.capacity() && !makeRoom()) {
                return drop(DropReason.OVERFLOW, options.capacity() + " items wait already ("
                        + options.overflow() + ")");
            }
            queue.add(item);
        } finally {
            lock.unlock();
        }
        drain();
        return true;
    }

    /**
     * Tells {@code listener} of each drop as it is counted, with the reason and why (the items still waiting when
     * the outbox closes as one call); under the outbox's lock, so it must be short and must not call back. For a
     * sink's {@link io.mape.observe.Event.Drop}s. Null for none, the default.
     */
    public void onDrop(BiConsumer<DropReason, String> listener) {
        this.drops = listener;
    }

    /** Counts an item that was offered to the sink but could not be made into something to send. */
    public void refuse(DropReason reason, String why) {
        lock.lock();
        try {
            accepted.increment();
            drop(reason, why);
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
     * Stops taking items, waits up to {@code grace} for what is pending to be sent, then drops what still waits
     * ({@link DropReason#CLOSED}). A send answered {@link SendResult#RETRY} within the grace period is sent again
     * after the backoff, as before closing; sends still in flight once it is over are counted when they answer,
     * one that answers {@link SendResult#RETRY} then as {@link DropReason#CLOSED} (never sent again). Idempotent.
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
            left = queue.size();
            expected = queue.stream().filter(expendable).count();
            queue.clear();
            headRetried = false;
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
        return queue.size() + inFlight;
    }

    /** Under the lock: makes room by the policy. */
    private boolean makeRoom() {
        switch (options.overflow()) {
            case DROP_OLDEST -> {
                if (queue.size() <= (headRetried ? 1 : 0)) {
                    return false;
                }
                if (headRetried) {
                    E head = queue.poll();
                    queue.poll();
                    queue.addFirst(head);
                } else {
                    queue.poll();
                }
                drop(DropReason.OVERFLOW, "dropped the oldest waiting item: " + options.capacity() + " wait");
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

    private boolean drop(DropReason reason, String why) {
        LongAdder n = dropped.get(reason);
        n.increment();
        lossLog.warn("{}: dropped an item ({}): {}; {} dropped for this reason so far", name, reason, why, n.sum());
        told(reason, why);
        return false;
    }

    private void told(DropReason reason, String why) {
        BiConsumer<DropReason, String> d = drops;
        if (d != null) {
            d.accept(reason, why);
        }
    }

    /** Sends what waits, in order, until the outbox is empty, paused, disconnected or at its in-flight bound. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            E next;
            while ((next = take()) != null) {
                E item = next;
                try {
                    sender.send(item, (result, cause) -> answered(item, result, cause));
                } catch (RuntimeException e) {
                    answered(item, SendResult.FAILED, e);
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /** The next item to send, counted in flight, or null when there is none to send now. */
    private E take() {
        lock.lock();
        try {
            if (paused || queue.isEmpty() || inFlight >= maxInFlight) {
                return null;
            }
            if (!connected.getAsBoolean()) {
                pause();
                return null;
            }
            inFlight++;
            headRetried = false;
            return queue.poll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts an answer. What waits is then sent from a worker of the scheduler, never from the answering thread: that
     * is often the driver's I/O thread, where a send could overtake one another thread has just queued to it.
     */
    private void answered(E item, SendResult result, Throwable cause) {
        boolean more;
        lock.lock();
        try {
            switch (result) {
                case ACKNOWLEDGED -> {
                    sent.increment();
                    acknowledged.increment();
                }
                case SENT -> sent.increment();
                case FAILED -> failed.increment();
                default -> {
                }
            }
            inFlight--;
            if (result == SendResult.RETRY && settled && expendable.test(item)) {
                dropped.get(DropReason.CLOSED).increment();
            } else if (result == SendResult.RETRY && settled) {
                drop(DropReason.CLOSED, "the sink closed while it was being sent, and the server asked to retry");
            } else if (result == SendResult.RETRY) {
                queue.addFirst(item);
                headRetried = true;
                pause();
            } else if (result != SendResult.FAILED) {
                backoffNanos = options.minBackoff().toNanos();
            }
            more = !queue.isEmpty() && !paused;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (result == SendResult.FAILED) {
            lossLog.warn("{}: an item was not sent: {}; {} failed so far", name, cause == null ? "failed"
                    : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(),
                    failed.sum());
        }
        if (more) {
            scheduler.scheduleDirect(this::drain);
        }
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
