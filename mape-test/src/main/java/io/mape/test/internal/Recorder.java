package io.mape.test.internal;

import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Timed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a probe or a recording effector saw: each item with the time of its clock when it came, and the
 * terminal events. Items may come from any thread; readers get copies. Thread-safe.
 */
public final class Recorder<T> implements Observer<T> {

    private final Scheduler clock;
    private final List<Timed<T>> items = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final AtomicReference<Disposable> upstream = new AtomicReference<>();
    private int completions;

    public Recorder(Scheduler clock) {
        this.clock = clock;
    }

    /** Records {@code item} at the clock's now; the item of an effector, which no Observable delivers. */
    public void record(T item) {
        Timed<T> t = new Timed<>(item, clock.now(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS);
        synchronized (this) {
            items.add(t);
            notifyAll();
        }
    }

    @Override
    public void onSubscribe(Disposable d) {
        if (!upstream.compareAndSet(null, d)) {
            d.dispose();
        }
    }

    @Override
    public void onNext(T item) {
        record(item);
    }

    @Override
    public synchronized void onError(Throwable e) {
        errors.add(e);
        notifyAll();
    }

    @Override
    public synchronized void onComplete() {
        completions++;
        notifyAll();
    }

    public synchronized List<Timed<T>> timed() {
        return List.copyOf(items);
    }

    public synchronized List<T> values() {
        List<T> v = new ArrayList<>(items.size());
        items.forEach(t -> v.add(t.value()));
        return v;
    }

    public synchronized List<Throwable> errors() {
        return List.copyOf(errors);
    }

    public synchronized int completions() {
        return completions;
    }

    /**
     * Waits on this recorder's monitor (woken by every item) until it holds {@code count} items or {@code timeout}
     * has passed in real time. True when it holds them.
     */
    public synchronized boolean await(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (items.size() < count) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    public void dispose() {
        Disposable d = upstream.getAndSet(Disposable.disposed());
        if (d != null) {
            d.dispose();
        }
    }
}
