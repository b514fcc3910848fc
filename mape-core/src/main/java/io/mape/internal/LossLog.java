package io.mape.internal;

import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Logs a recurring loss at WARN without flooding: the first one at once, then at most one line per interval
 * saying how many happened since. Thread-safe and lock-free, so it may be called on an I/O thread.
 */
public final class LossLog {

    private final Logger log;
    private final RateLimit limit = new RateLimit(5_000_000_000L);

    public LossLog(Logger log) {
        this.log = log;
    }

    /**
     * An item as a log or an event shows it: its text, cut at 200 characters, line breaks escaped; its class when
     * its {@code toString} throws, so that an item never makes a drop or a failure throw on.
     */
    public static String brief(Object item) {
        String s;
        try {
            s = String.valueOf(item);
        } catch (RuntimeException | LinkageError e) {
            return "a " + item.getClass().getName() + " (its toString() threw " + e + ")";
        }
        if (s.length() > 200) {
            s = s.substring(0, 200) + "...";
        }
        return s.replace("\n", "\\n").replace("\r", "\\r");
    }

    /** Logs {@code format} with {@code args} now, or counts it for the next line if one was logged lately. */
    public void warn(String format, Object... args) {
        long more = limit.pass();
        if (more >= 0) {
            log(format, more, args);
        }
    }

    /**
     * {@link #warn(String, Object...)} with arguments made only when the line is logged: for a loss that may recur
     * at the rate items arrive (an overloaded element sheds each one for the cost of a count).
     */
    public void warn(String format, Supplier<Object[]> args) {
        long more = limit.pass();
        if (more >= 0) {
            log(format, more, args.get());
        }
    }

    private void log(String format, long more, Object[] args) {
        log.warn(more == 0 ? format : format + " (and " + more + " more like it since the last report)", args);
    }
}
