package io.mape.remote.influx;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link InfluxObserver} batches and retries. Immutable; build with {@link #builder()}.
 *
 * <p>Points are written in batches of up to {@link #batchSize()}, at the latest {@link #flushInterval()} after the
 * first point of a batch was queued. At most {@link #bufferLimit()} points wait; past that new points are lost
 * ({@link LossReason#BUFFER_FULL}). A batch the server cannot take for now (unreachable, 429, 5xx) is retried with
 * backoff (100 ms doubling up to 5 s) for {@link #retryFor()}, then lost ({@link LossReason#UNAVAILABLE}); a batch it
 * refuses (other 4xx) is lost at once ({@link LossReason#REJECTED}). Closing waits up to {@link #closeTimeout()} for
 * the pending points to be written.
 */
public final class InfluxWriteOptions {

    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_BUFFER_LIMIT = 10_000;
    public static final Duration DEFAULT_RETRY_FOR = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final InfluxWriteOptions DEFAULTS = builder().build();

    private final int batchSize;
    private final Duration flushInterval;
    private final int bufferLimit;
    private final Duration retryFor;
    private final Duration closeTimeout;

    private InfluxWriteOptions(Builder b) {
        this.batchSize = b.batchSize;
        this.flushInterval = b.flushInterval;
        this.bufferLimit = b.bufferLimit;
        this.retryFor = b.retryFor;
        this.closeTimeout = b.closeTimeout;
    }

    /** Every option at its default. */
    public static InfluxWriteOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some. */
    public Builder toBuilder() {
        return new Builder().batchSize(batchSize).flushInterval(flushInterval).bufferLimit(bufferLimit)
                .retryFor(retryFor).closeTimeout(closeTimeout);
    }

    /** Most points in one write request; default {@value #DEFAULT_BATCH_SIZE}. */
    public int batchSize() {
        return batchSize;
    }

    /** Longest a queued point waits for its batch to fill; default 1 s. */
    public Duration flushInterval() {
        return flushInterval;
    }

    /** Most points waiting to be written; default {@value #DEFAULT_BUFFER_LIMIT}. */
    public int bufferLimit() {
        return bufferLimit;
    }

    /** How long a batch is retried while the server cannot take it; default 30 s; zero for no retry. */
    public Duration retryFor() {
        return retryFor;
    }

    /** Longest {@link InfluxObserver#close()} waits for pending points; default 10 s. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    @Override
    public String toString() {
        return "InfluxWriteOptions{batchSize=" + batchSize + ", flushInterval=" + flushInterval + ", bufferLimit="
                + bufferLimit + ", retryFor=" + retryFor + ", closeTimeout=" + closeTimeout + "}";
    }

    /** Builds {@link InfluxWriteOptions}; each setter checks its argument. */
    public static final class Builder {
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
        private int bufferLimit = DEFAULT_BUFFER_LIMIT;
        private Duration retryFor = DEFAULT_RETRY_FOR;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

        private Builder() {
        }

        /** @throws IllegalArgumentException unless at least 1 */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder flushInterval(Duration flushInterval) {
            Objects.requireNonNull(flushInterval, "flushInterval");
            if (flushInterval.isNegative() || flushInterval.isZero()) {
                throw new IllegalArgumentException("flushInterval must be positive, got " + flushInterval);
            }
            this.flushInterval = flushInterval;
            return this;
        }

        /** @throws IllegalArgumentException unless at least 1 */
        public Builder bufferLimit(int bufferLimit) {
            if (bufferLimit < 1) {
                throw new IllegalArgumentException("bufferLimit must be at least 1, got " + bufferLimit);
            }
            this.bufferLimit = bufferLimit;
            return this;
        }

        /** @throws IllegalArgumentException when negative */
        public Builder retryFor(Duration retryFor) {
            this.retryFor = notNegative(retryFor, "retryFor");
            return this;
        }

        /** @throws IllegalArgumentException when negative */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = notNegative(closeTimeout, "closeTimeout");
            return this;
        }

        public InfluxWriteOptions build() {
            return new InfluxWriteOptions(this);
        }

        private static Duration notNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
