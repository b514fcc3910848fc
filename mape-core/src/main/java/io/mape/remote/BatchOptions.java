package io.mape.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * How a sink that writes many items in one request (a database write, say) makes its batches: at most
 * {@code maxSize} items each, and no item waits longer than {@code flushInterval} for its batch to fill. Buffering,
 * overflow, backoff and the close grace period stay the {@link SinkOptions} every sink has. Immutable.
 *
 * @param maxSize       the most items in one batch; a full batch goes at once
 * @param flushInterval the longest an item waits for its batch to fill before a partial batch goes
 */
public record BatchOptions(int maxSize, Duration flushInterval) {

    public static final int DEFAULT_MAX_SIZE = 1000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

    private static final BatchOptions DEFAULTS = new BatchOptions(DEFAULT_MAX_SIZE, DEFAULT_FLUSH_INTERVAL);

    /** @throws IllegalArgumentException unless {@code maxSize >= 1} and {@code flushInterval} is positive */
    public BatchOptions {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1, got " + maxSize);
        }
        Objects.requireNonNull(flushInterval, "flushInterval");
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive, got " + flushInterval);
        }
    }

    /** Batches of up to {@value #DEFAULT_MAX_SIZE} items, each waiting at most 1 s. */
    public static BatchOptions defaults() {
        return DEFAULTS;
    }

    /** These options with batches of up to {@code maxSize} items. */
    public BatchOptions withMaxSize(int maxSize) {
        return new BatchOptions(maxSize, flushInterval);
    }

    /** These options with items waiting at most {@code flushInterval}. */
    public BatchOptions withFlushInterval(Duration flushInterval) {
        return new BatchOptions(maxSize, flushInterval);
    }
}
