package io.mape.internal;

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

    /** An item as a log or an event shows it: its text, cut at 200 characters, line breaks escaped. */
    public static String brief(Object item) {
        String s = String.valueOf(item);
        if (s.length() > 200) {
            s = s.substring(0, 200) + "...";
        }
        return s.replace("\n", "\\n").replace("\r", "\\r");
    }

    /** Logs {@code format} with {@code args} now, or counts it for the next line if one was logged lately. */
    public void warn(String format, Object... args) {
        long more = limit.pass();
        if (more >= 0) {
            log.warn(more == 0 ? format : format + " (and " + more + " more like it since the last report)", args);
        }
    }
}
