package io.mape.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * How a sink buffers and retries. Immutable; {@link #defaults()}, {@link #builder()}, {@link #toBuilder()}.
 *
 * <p>Defaults: an outbox of {@value #DEFAULT_CAPACITY} items (waiting plus awaiting the server's answer),
 * {@link OverflowPolicy#DROP_NEWEST}, a block timeout of 1 s (for {@link OverflowPolicy#BLOCK}), reconnect backoff
 * from 10 ms doubling to 2 s, a close grace period of 5 s, items of at most {@value #DEFAULT_MAX_ITEM_BYTES} bytes
 * encoded.
 */
public final class SinkOptions {

    public static final int DEFAULT_CAPACITY = 10_000;
    public static final int DEFAULT_MAX_ITEM_BYTES = 1 << 20;

    private static final SinkOptions DEFAULTS = builder().build();

    private final int capacity;
    private final OverflowPolicy overflow;
    private final Duration blockTimeout;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Duration closeGrace;
    private final int maxItemBytes;

    private SinkOptions(Builder b) {
        this.capacity = b.capacity;
        this.overflow = b.overflow;
        this.blockTimeout = b.blockTimeout;
        this.minBackoff = b.minBackoff;
        this.maxBackoff = b.maxBackoff;
        this.closeGrace = b.closeGrace;
        this.maxItemBytes = b.maxItemBytes;
    }

    public static SinkOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How many items may wait in the outbox, those awaiting the server's answer included. */
    public int capacity() {
        return capacity;
    }

    public OverflowPolicy overflow() {
        return overflow;
    }

    /** How long {@link OverflowPolicy#BLOCK} makes the pushing thread wait for room. */
    public Duration blockTimeout() {
        return blockTimeout;
    }

    /** The first pause before sending again while the server is away; it doubles up to {@link #maxBackoff()}. */
    public Duration minBackoff() {
        return minBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** How long closing a sink waits for what is pending to be sent before dropping it as {@link DropReason#CLOSED}. */
    public Duration closeGrace() {
        return closeGrace;
    }

    /**
     * The largest encoded item sent; a larger one is dropped as {@link DropReason#TOO_LARGE} (a 32 MB publish
     * makes Redis cut its subscribers off, a large POST is refused by the server).
     */
    public int maxItemBytes() {
        return maxItemBytes;
    }

    public Builder toBuilder() {
        return new Builder().capacity(capacity).overflow(overflow).blockTimeout(blockTimeout)
                .backoff(minBackoff, maxBackoff).closeGrace(closeGrace).maxItemBytes(maxItemBytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SinkOptions s && capacity == s.capacity && overflow == s.overflow
                && blockTimeout.equals(s.blockTimeout) && minBackoff.equals(s.minBackoff)
                && maxBackoff.equals(s.maxBackoff) && closeGrace.equals(s.closeGrace) && maxItemBytes == s.maxItemBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(capacity, overflow, blockTimeout, minBackoff, maxBackoff, closeGrace, maxItemBytes);
    }

    @Override
    public String toString() {
        return "SinkOptions{capacity=" + capacity + ", overflow=" + overflow + ", blockTimeout=" + blockTimeout
                + ", backoff=" + minBackoff + ".." + maxBackoff + ", closeGrace=" + closeGrace + ", maxItemBytes="
                + maxItemBytes + "}";
    }

    /** Builds {@link SinkOptions}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private int capacity = DEFAULT_CAPACITY;
        private OverflowPolicy overflow = OverflowPolicy.DROP_NEWEST;
        private Duration blockTimeout = Duration.ofSeconds(1);
        private Duration minBackoff = Duration.ofMillis(10);
        private Duration maxBackoff = Duration.ofSeconds(2);
        private Duration closeGrace = Duration.ofSeconds(5);
        private int maxItemBytes = DEFAULT_MAX_ITEM_BYTES;

        private Builder() {
        }

        public Builder capacity(int capacity) {
            this.capacity = atLeastOne("capacity", capacity);
            return this;
        }

        public Builder overflow(OverflowPolicy policy) {
            this.overflow = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder blockTimeout(Duration timeout) {
            this.blockTimeout = notNegative("blockTimeout", timeout);
            return this;
        }

        /** The backoff while the server is away: from {@code min}, doubling, up to {@code max}. */
        public Builder backoff(Duration min, Duration max) {
            notNegative("min", min);
            notNegative("max", max);
            if (min.isZero() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("backoff must be 0 < min <= max, got " + min + " and " + max);
            }
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        public Builder closeGrace(Duration grace) {
            this.closeGrace = notNegative("closeGrace", grace);
            return this;
        }

        public Builder maxItemBytes(int bytes) {
            this.maxItemBytes = atLeastOne("maxItemBytes", bytes);
            return this;
        }

        public SinkOptions build() {
            return new SinkOptions(this);
        }

        private static int atLeastOne(String name, int n) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + n);
            }
            return n;
        }

        private static Duration notNegative(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
