package io.mape.remote.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link PostObserver} buffers, retries and closes. Immutable; build with {@link #builder()}, start from
 * {@link #defaults()}, change some with {@link #toBuilder()}.
 */
public final class PostOptions {

    public static final int DEFAULT_BUFFER_SIZE = 10_000;
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private static final PostOptions DEFAULTS = builder().build();

    /** What to drop when the buffer is full. */
    public enum Overflow {
        /** Drop the oldest waiting item to make room for the new one (the default). */
        DROP_OLDEST,
        /** Drop the new item. */
        DROP_NEWEST
    }

    private final int bufferSize;
    private final Overflow overflow;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Duration requestTimeout;
    private final Duration closeTimeout;

    private PostOptions(Builder b) {
        this.bufferSize = b.bufferSize;
        this.overflow = b.overflow;
        this.minBackoff = b.minBackoff;
        this.maxBackoff = b.maxBackoff;
        this.requestTimeout = b.requestTimeout;
        this.closeTimeout = b.closeTimeout;
    }

    /** Every option at its default. */
    public static PostOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some. */
    public Builder toBuilder() {
        return new Builder().bufferSize(bufferSize).overflow(overflow).backoff(minBackoff, maxBackoff)
                .requestTimeout(requestTimeout).closeTimeout(closeTimeout);
    }

    /** How many items may wait besides the one in flight; default {@value #DEFAULT_BUFFER_SIZE}. */
    public int bufferSize() {
        return bufferSize;
    }

    /** What a full buffer drops; default {@link Overflow#DROP_OLDEST}: a monitor's newest reading matters most. */
    public Overflow overflow() {
        return overflow;
    }

    /** The wait before the first retry; default 100 ms. */
    public Duration minBackoff() {
        return minBackoff;
    }

    /** The longest wait between retries, the backoff doubling up to it; default 5 s. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * The longest one exchange may take, from connecting to the last byte of the answer, before it is abandoned and
     * retried; default 10 s.
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How long {@link PostObserver#close()} waits for the buffer to drain; default 2 s; zero drops at once. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    @Override
    public String toString() {
        return "PostOptions{bufferSize=" + bufferSize + ", overflow=" + overflow + ", backoff=" + minBackoff + ".."
                + maxBackoff + ", requestTimeout=" + requestTimeout + ", closeTimeout=" + closeTimeout + "}";
    }

    /** Builds {@link PostOptions}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private int bufferSize = DEFAULT_BUFFER_SIZE;
        private Overflow overflow = Overflow.DROP_OLDEST;
        private Duration minBackoff = DEFAULT_MIN_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

        private Builder() {
        }

        /** @throws IllegalArgumentException unless at least 1 */
        public Builder bufferSize(int bufferSize) {
            if (bufferSize < 1) {
                throw new IllegalArgumentException("bufferSize must be at least 1, got " + bufferSize);
            }
            this.bufferSize = bufferSize;
            return this;
        }

        public Builder overflow(Overflow overflow) {
            this.overflow = Objects.requireNonNull(overflow, "overflow");
            return this;
        }

        /** @throws IllegalArgumentException unless both are positive and {@code max} is not shorter than {@code min} */
        public Builder backoff(Duration min, Duration max) {
            positive(min, "min backoff");
            positive(max, "max backoff");
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("max backoff " + max + " is shorter than min backoff " + min);
            }
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** @throws IllegalArgumentException when negative */
        public Builder closeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "closeTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative, got " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        public PostOptions build() {
            return new PostOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
