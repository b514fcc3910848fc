package io.mape.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets the first occurrence of something through at once, then at most one per interval, counting those it holds
 * back. In a burst it reads the clock once in {@value #CHECK_EVERY} occurrences, so an occurrence held back costs
 * about one atomic increment (the line after the interval may come that many occurrences late). Thread-safe and
 * lock-free, so it may be called on an I/O thread.
 */
public final class RateLimit {

    /** Past this many held back since the last pass, the clock is read once in this many. A power of two. */
    static final int CHECK_EVERY = 64;

    private final long intervalNanos;
    private final LongSupplier clock;
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);

    public RateLimit(long intervalNanos) {
        this(intervalNanos, System::nanoTime);
    }

    RateLimit(long intervalNanos, LongSupplier clock) {
        this.intervalNanos = intervalNanos;
        this.clock = clock;
    }

    /** -1 when this occurrence is held back (and counted); else how many were held back since the last one let through. */
    public long pass() {
        long due = next.get();
        if (due == Long.MIN_VALUE) {
            if (next.compareAndSet(due, clock.getAsLong() + intervalNanos)) {
                return 0;
            }
            suppressed.incrementAndGet();
            return -1;
        }
        long held = suppressed.incrementAndGet();
        if (held > CHECK_EVERY && (held & (CHECK_EVERY - 1)) != 0) {
            return -1;
        }
        long now = clock.getAsLong();
        if (now - due < 0 || !next.compareAndSet(due, now + intervalNanos)) {
            return -1;
        }
        return suppressed.getAndSet(0) - 1;
    }
}
