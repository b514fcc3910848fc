package io.mape.internal;

import io.reactivex.rxjava3.internal.queue.MpscLinkedQueue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Serializes calls from any number of threads into one consumer without losing an item: the first thread in
 * runs the consumer itself (one CAS, no lock); a thread arriving meanwhile queues its item and returns, and the
 * running thread drains the queue before it leaves. Re-entrant calls from inside the consumer are queued too,
 * so a feedback cycle never recurses.
 *
 * <p>Whatever the consumer throws, {@link Error}s included, goes to the fault handler and the gate goes on: it is
 * always released. {@link #offer} refuses an item while {@code capacity} items wait (the bound is approximate by
 * the number of threads arriving at once); {@link #force} always queues. Thread-safe.
 */
public final class SerialGate<T> extends AtomicInteger {

    private static final VarHandle FINISHED;

    static {
        try {
            FINISHED = MethodHandles.lookup().findVarHandle(SerialGate.class, "finished", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Many producers, one consumer at a time (whoever holds the gate): an offer is one atomic exchange, a poll none.
     * The gate's own count (this {@link AtomicInteger}) is the items waiting, plus the one inside and those
     * {@link #finished} in the current round, so that the queue needs no size of its own.
     */
    private final MpscLinkedQueue<T> queue = new MpscLinkedQueue<>();
    private final Consumer<T> target;
    private final BiConsumer<T, Throwable> fault;
    private volatile int capacity;
    /** Items run in the current round of {@link #drain}, not yet taken off the count; written by the thread inside. */
    private int finished;
    /** The thread inside, read only to tell whether it is the caller: a plain field suffices for that. */
    private Thread owner;

    /**
     * @param target   what items are serialized into
     * @param fault    told of what {@code target} throws, with the item; it must not throw itself
     * @param capacity how many items may wait
     */
    public SerialGate(Consumer<T> target, BiConsumer<T, Throwable> fault, int capacity) {
        this.target = target;
        this.fault = fault;
        this.capacity = capacity;
    }

    public void capacity(int capacity) {
        this.capacity = capacity;
    }

    /** Runs or queues {@code item}; false, doing nothing, when the queue is full. */
    public boolean offer(T item) {
        return enter(item, true);
    }

    /** Runs or queues {@code item}, whatever the queue holds. */
    public void force(T item) {
        enter(item, false);
    }

    /** Whether the calling thread is inside (running the consumer). */
    public boolean isHeldByCurrentThread() {
        return owner == Thread.currentThread();
    }

    /**
     * The fast path runs the item at once only when nothing waits, so that an item this thread queued earlier (left
     * behind when the thread inside took another's item for its count) is never overtaken.
     */
    private boolean enter(T item, boolean bounded) {
        if (get() == 0 && queue.isEmpty() && compareAndSet(0, 1)) {
            owner = Thread.currentThread();
            run(item);
            owner = null;
            if (decrementAndGet() == 0) {
                return true;
            }
        } else {
            if (bounded && size() >= capacity) {
                return false;
            }
            queue.offer(item);
            if (getAndIncrement() != 0) {
                return true;
            }
        }
        drain();
        return true;
    }

    /** How many items wait (not counting the one inside). */
    public int size() {
        return Math.max(0, get() - 1 - (int) FINISHED.getAcquire(this));
    }

    /** Whether a thread is inside or items wait. */
    public boolean isBusy() {
        return get() != 0;
    }

    private void run(T item) {
        try {
            target.accept(item);
        } catch (Throwable t) {
            fault.accept(item, t);
        }
    }

    /**
     * Runs the waiting items in rounds: a round runs as many as the count says wait (each was queued before it was
     * counted, so the poll finds one), then takes them off the count with one atomic, or reads the count again if
     * more came meanwhile. One atomic a round, not one an item.
     */
    private void drain() {
        owner = Thread.currentThread();
        int done = 0;
        for (;;) {
            int count = get();
            if (count == done) {
                count = addAndGet(-done);
                FINISHED.setRelease(this, 0);
                if (count == 0) {
                    break;
                }
                done = 0;
            }
            for (int n = count - done; n > 0; n--) {
                FINISHED.setRelease(this, done);
                done++;
                run(queue.poll());
            }
        }
        owner = null;
    }
}
