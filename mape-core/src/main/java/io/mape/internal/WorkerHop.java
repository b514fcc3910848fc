package io.mape.internal;

import io.reactivex.rxjava3.core.Scheduler;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Moves items onto one worker of a {@link Scheduler}, in order, one at a time, like {@code observeOn}, with a
 * bounded queue. {@link #close} never interrupts the item in flight and never discards the backlog: the worker
 * still hands every queued item to the target (which decides what a closed path does with it), then lets go of
 * the worker (an item queued after that runs on the queuing thread). What the target throws goes to the fault handler. Thread-safe.
 */
public final class WorkerHop<T> extends AtomicInteger {

    private final Scheduler.Worker worker;
    private final Consumer<T> target;
    private final BiConsumer<T, Throwable> fault;
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile int capacity;
    private volatile boolean closed;

    public WorkerHop(Scheduler scheduler, Consumer<T> target, BiConsumer<T, Throwable> fault, int capacity) {
        this.worker = scheduler.createWorker();
        this.target = target;
        this.fault = fault;
        this.capacity = capacity;
    }

    /** Queues {@code item} for the worker; false, doing nothing, when the queue is full. */
    public boolean offer(T item) {
        if (size.get() >= capacity) {
            return false;
        }
        force(item);
        return true;
    }

    /** Queues {@code item} for the worker, whatever the queue holds. */
    public void force(T item) {
        size.incrementAndGet();
        queue.offer(item);
        kick();
    }

    /** How many items wait. */
    public int size() {
        return size.get();
    }

    /** Lets go of the worker once the backlog is handed over; the item in flight finishes undisturbed. */
    public void close() {
        closed = true;
        kick();
    }

    private void kick() {
        if (getAndIncrement() == 0) {
            if (worker.isDisposed()) {
                drain();
            } else {
                worker.schedule(this::drain);
            }
        }
    }

    private void drain() {
        int missed = 1;
        for (;;) {
            T item;
            while ((item = queue.poll()) != null) {
                size.decrementAndGet();
                try {
                    target.accept(item);
                } catch (Throwable t) {
                    fault.accept(item, t);
                }
            }
            if (closed && !worker.isDisposed()) {
                worker.dispose();
            }
            missed = addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
