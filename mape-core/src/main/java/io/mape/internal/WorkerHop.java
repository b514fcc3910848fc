package io.mape.internal;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Moves items onto one worker of a {@link Scheduler}, in order, one at a time, like {@code observeOn}. */
public final class WorkerHop<T> extends AtomicInteger implements Consumer<T>, Disposable {

    private final Scheduler.Worker worker;
    private final Consumer<T> target;
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();

    public WorkerHop(Scheduler scheduler, Consumer<T> target) {
        this.worker = scheduler.createWorker();
        this.target = target;
    }

    @Override
    public void accept(T item) {
        queue.offer(item);
        if (getAndIncrement() == 0) {
            worker.schedule(this::drain);
        }
    }

    private void drain() {
        int missed = 1;
        for (;;) {
            T item;
            while (!worker.isDisposed() && (item = queue.poll()) != null) {
                target.accept(item);
            }
            missed = addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    @Override
    public void dispose() {
        worker.dispose();
        queue.clear();
    }

    @Override
    public boolean isDisposed() {
        return worker.isDisposed();
    }
}
