package io.mape.internal;

import io.reactivex.rxjava3.disposables.Disposable;
import java.util.ArrayList;
import java.util.List;

/**
 * The upstream disposables of an observer that many sources subscribe to. Disposed ones are pruned as new ones
 * arrive (whenever the list doubles), so link/unlink cycles do not grow it. Thread-safe.
 */
public final class Upstreams {

    private List<Disposable> live;
    private int pruneAt = 8;
    private boolean disposed;

    /** Keeps {@code d}, or disposes it at once when this was disposed. */
    public void add(Disposable d) {
        synchronized (this) {
            if (!disposed) {
                if (live == null) {
                    live = new ArrayList<>(2);
                }
                live.add(d);
                if (live.size() >= pruneAt) {
                    live.removeIf(Disposable::isDisposed);
                    pruneAt = Math.max(8, live.size() * 2);
                }
                return;
            }
        }
        d.dispose();
    }

    /** How many are not disposed. */
    public synchronized int size() {
        if (live == null) {
            return 0;
        }
        live.removeIf(Disposable::isDisposed);
        return live.size();
    }

    /** The ones not disposed, a snapshot. */
    public synchronized List<Disposable> live() {
        if (live == null) {
            return List.of();
        }
        live.removeIf(Disposable::isDisposed);
        return List.copyOf(live);
    }

    /** How many are kept, disposed ones included (to show that pruning works). */
    public synchronized int kept() {
        return live == null ? 0 : live.size();
    }

    /** Disposes every one, and every one added later. */
    public void dispose() {
        List<Disposable> all;
        synchronized (this) {
            disposed = true;
            all = live;
            live = null;
        }
        if (all != null) {
            all.forEach(Disposable::dispose);
        }
    }
}
