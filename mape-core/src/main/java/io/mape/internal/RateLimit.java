package io.mape.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets the first occurrence of something through at once, then at most one per interval, counting those it holds
 * back. Thread-safe and lock-free, so it may be called on an I/O thread.
 */
public final class RateLimit {

    private final long intervalNanos;
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);

    public RateLimit(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** -1 when this occurrence is held back (and counted); else how many were held back since the last one let through. */
    public long pass() {
        long now = System.nanoTime();
        long due = next.get();
        if ((due != Long.MIN_VALUE && now - due < 0) || !next.compareAndSet(due, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return -1;
        }
        return suppressed.getAndSet(0);
    }
}
