package io.mape.internal;

import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.exceptions.Exceptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Fans items out to subscribers held in a copy-on-write array: the per-item path reads one volatile field and
 * takes no lock. A subscriber that throws an exception is reported to the owner and skipped; the others still get
 * the item. A fatal {@link Error} from a subscriber is thrown on to the caller.
 *
 * <p>A termination ({@link #terminate}) ends the subscribers there are; only a sticky one also ends those that come
 * later, until {@link #revive}. Callers must not call {@link #onNext} or {@link #terminate} concurrently (an
 * element's port out is serialized upstream); {@link #add} and disposal are thread-safe.
 */
public final class Multicast<T> implements Observer<T> {

    @SuppressWarnings("rawtypes")
    private static final Subscription[] EMPTY = new Subscription[0];

    private final BiConsumer<Object, Throwable> subscriberFailed;
    @SuppressWarnings("unchecked")
    private volatile Subscription<T>[] subscriptions = EMPTY;
    /** The only subscription, or null when there are none or several: {@link #onNext}'s short way, no array. */
    private volatile Subscription<T> sole;
    private volatile boolean done;
    private volatile Throwable error;

    /**
     * @param subscriberFailed told of what a subscriber threw (not fatal), with the item, or null for a termination:
     *                         the owner counts, logs and reports it; it must not throw
     */
    public Multicast(BiConsumer<Object, Throwable> subscriberFailed) {
        this.subscriberFailed = subscriberFailed;
    }

    /**
     * Adds a subscriber and hands it its {@link Disposable}, which it also returns; a subscriber that disposes it in
     * {@code onSubscribe} is not kept; a terminated multicast terminates it at once.
     */
    public Disposable add(Observer<? super T> observer) {
        Subscription<T> s = new Subscription<>(observer, this);
        observer.onSubscribe(s);
        if (s.get()) {
            return s;
        }
        synchronized (this) {
            if (!done) {
                Subscription<T>[] current = subscriptions;
                Subscription<T>[] next = Arrays.copyOf(current, current.length + 1);
                next[current.length] = s;
                subscriptions = next;
                sole = next.length == 1 ? next[0] : null;
            }
        }
        if (!done) {
            if (s.get()) {
                remove(s);
            }
            return s;
        }
        Throwable e = error;
        if (e != null) {
            observer.onError(e);
        } else {
            observer.onComplete();
        }
        return s;
    }

    private synchronized void remove(Subscription<T> s) {
        Subscription<T>[] current = subscriptions;
        int i = Arrays.asList(current).indexOf(s);
        if (i < 0) {
            return;
        }
        @SuppressWarnings("unchecked")
        Subscription<T>[] next = current.length == 1 ? EMPTY : new Subscription[current.length - 1];
        System.arraycopy(current, 0, next, 0, i);
        System.arraycopy(current, i + 1, next, i, current.length - i - 1);
        subscriptions = next;
        sole = next.length == 1 ? next[0] : null;
    }

    /** The subscribers now, a snapshot. */
    public List<Observer<? super T>> observers() {
        Subscription<T>[] current = subscriptions;
        List<Observer<? super T>> list = new ArrayList<>(current.length);
        for (Subscription<T> s : current) {
            list.add(s.observer);
        }
        return list;
    }

    /** How many subscribers there are now. */
    public int size() {
        return subscriptions.length;
    }

    public boolean isTerminated() {
        return done;
    }

    @Override
    public void onSubscribe(Disposable d) {
        // a multicast is fed by its owner, never subscribed to a source
    }

    @Override
    public void onNext(T item) {
        Subscription<T> one = sole;
        if (one != null) {
            deliver(one, item);
            return;
        }
        for (Subscription<T> s : subscriptions) {
            deliver(s, item);
        }
    }

    private void deliver(Subscription<T> s, T item) {
        if (s.get()) {
            return;
        }
        try {
            s.observer.onNext(item);
        } catch (Throwable t) {
            Exceptions.throwIfFatal(t);
            subscriberFailed.accept(item, t);
        }
    }

    /** A sticky error: this and every later subscriber get it. */
    @Override
    public void onError(Throwable e) {
        terminate(e, true);
    }

    /** A sticky completion: this and every later subscriber complete. */
    @Override
    public void onComplete() {
        terminate(null, true);
    }

    /**
     * Ends the subscribers there are with {@code e}, or completes them when null; a sticky termination also ends
     * every later subscriber at once.
     */
    @SuppressWarnings("unchecked")
    public void terminate(Throwable e, boolean sticky) {
        Subscription<T>[] last;
        synchronized (this) {
            if (done) {
                return;
            }
            if (sticky) {
                error = e;
                done = true;
            }
            last = subscriptions;
            subscriptions = EMPTY;
            sole = null;
        }
        for (Subscription<T> s : last) {
            s.set(true);
            try {
                if (e != null) {
                    s.observer.onError(e);
                } else {
                    s.observer.onComplete();
                }
            } catch (Throwable t) {
                Exceptions.throwIfFatal(t);
                subscriberFailed.accept(null, t);
            }
        }
    }

    /** Takes subscribers again after a sticky termination. */
    public synchronized void revive() {
        done = false;
        error = null;
    }

    private static final class Subscription<T> extends AtomicBoolean implements Disposable {
        final Observer<? super T> observer;
        final Multicast<T> parent;

        Subscription(Observer<? super T> observer, Multicast<T> parent) {
            this.observer = observer;
            this.parent = parent;
        }

        @Override
        public void dispose() {
            if (compareAndSet(false, true)) {
                parent.remove(this);
            }
        }

        @Override
        public boolean isDisposed() {
            return get();
        }
    }
}
