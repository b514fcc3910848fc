package io.mape.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Serializes calls from any number of threads into one consumer without losing an item: the first thread in
 * runs the consumer itself (one CAS, no lock); a thread arriving meanwhile queues its item and returns, and the
 * running thread drains the queue before it leaves. Re-entrant calls from inside the consumer are queued too,
 * so a feedback cycle never recurses.
 */
public final class SerialGate<T> extends AtomicInteger {

    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final Consumer<T> target;

    public SerialGate(Consumer<T> target) {
        this.target = target;
    }

    public void accept(T item) {
        if (get() == 0 && compareAndSet(0, 1)) {
            target.accept(item);
            if (decrementAndGet() == 0) {
                return;
            }
        } else {
            queue.offer(item);
            if (getAndIncrement() != 0) {
                return;
            }
        }
        drain();
    }

    private void drain() {
        int missed = 1;
        for (;;) {
            T item;
            while ((item = queue.poll()) != null) {
                target.accept(item);
            }
            missed = addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
