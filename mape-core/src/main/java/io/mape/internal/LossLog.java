package io.mape.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a recurring loss at WARN without flooding: the first one at once, then at most one line per interval
 * saying how many happened since. Thread-safe and lock-free, so it may be called on an I/O thread.
 */
public final class LossLog {

    private static final long INTERVAL_NANOS = 5_000_000_000L;

    private final Logger log;
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);

    public LossLog(Logger log) {
        this.log = log;
    }

    /** Logs {@code format} with {@code args} now, or counts it for the next line if one was logged lately. */
    public void warn(String format, Object... args) {
        long now = System.nanoTime();
        long due = next.get();
        if ((due != Long.MIN_VALUE && now - due < 0) || !next.compareAndSet(due, now + INTERVAL_NANOS)) {
            suppressed.incrementAndGet();
            return;
        }
        long more = suppressed.getAndSet(0);
        log.warn(more == 0 ? format : format + " (and " + more + " more like it since the last report)", args);
    }
}
