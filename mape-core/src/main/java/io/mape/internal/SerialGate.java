package io.mape.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
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

    private static final AtomicIntegerFieldUpdater<SerialGate> SIZE =
            AtomicIntegerFieldUpdater.newUpdater(SerialGate.class, "size");

    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final Consumer<T> target;
    private final BiConsumer<T, Throwable> fault;
    private volatile int size;
    private volatile int capacity;
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

    private boolean enter(T item, boolean bounded) {
        if (get() == 0 && compareAndSet(0, 1)) {
            Thread me = Thread.currentThread();
            owner = me;
            run(item);
            owner = null;
            if (decrementAndGet() == 0) {
                return true;
            }
        } else {
            if (bounded && size >= capacity) {
                return false;
            }
            enqueue(item);
            if (getAndIncrement() != 0) {
                return true;
            }
        }
        drain();
        return true;
    }

    /** How many items wait. */
    public int size() {
        return size;
    }

    /** Whether a thread is inside or items wait. */
    public boolean isBusy() {
        return get() != 0;
    }

    private void enqueue(T item) {
        SIZE.incrementAndGet(this);
        queue.offer(item);
    }

    private void run(T item) {
        try {
            target.accept(item);
        } catch (Throwable t) {
            fault.accept(item, t);
        }
    }

    private void drain() {
        Thread me = Thread.currentThread();
        int missed = 1;
        for (;;) {
            owner = me;
            T item;
            while ((item = queue.poll()) != null) {
                SIZE.decrementAndGet(this);
                run(item);
            }
            owner = null;
            missed = addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
