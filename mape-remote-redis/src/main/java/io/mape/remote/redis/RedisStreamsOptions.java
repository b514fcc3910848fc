package io.mape.remote.redis;

import io.mape.internal.Checks;
import io.mape.remote.ChannelPattern;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a {@link RedisStreamsTransport} keeps and reads its streams. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults: no group (each source reads in a consumer group of its own, removed when it ends: every source gets
 * every entry, as with pub/sub, but a restarted process does not resume); a consumer name of this process
 * ({@code c-<pid>-<random>}); streams kept at about {@value #DEFAULT_MAX_LEN} entries ({@code MAXLEN ~}); reads of
 * {@value #DEFAULT_BATCH} entries; entries not acknowledged for 30 s reclaimed ({@code XAUTOCLAIM}); an entry
 * delivered more than {@value #DEFAULT_MAX_DELIVERIES} times moved to the dead letters; patterns refreshed every 1 s;
 * a new group reading only what is added after it was made; the stream of channel {@code c} is the key
 * {@code stream:c}, its dead letters {@code dead:c}.
 */
public final class RedisStreamsOptions {

    public static final long DEFAULT_MAX_LEN = 100_000;
    public static final int DEFAULT_BATCH = 100;
    public static final int DEFAULT_MAX_DELIVERIES = 5;
    public static final String DEFAULT_STREAM_PREFIX = "stream:";
    public static final String DEFAULT_DEAD_LETTER_PREFIX = "dead:";

    private static final RedisStreamsOptions DEFAULTS = builder().build();

    private final String group;
    private final String consumer;
    private final long maxLen;
    private final Map<ChannelPattern, Long> maxLens;
    private final int batch;
    private final Duration reclaimIdle;
    private final int maxDeliveries;
    private final Duration patternRefresh;
    private final boolean readFromStart;
    private final String streamPrefix;
    private final String deadLetterPrefix;

    private RedisStreamsOptions(Builder b) {
        this.group = b.group;
        this.consumer = b.consumer;
        this.maxLen = b.maxLen;
        this.maxLens = Collections.unmodifiableMap(new LinkedHashMap<>(b.maxLens));
        this.batch = b.batch;
        this.reclaimIdle = b.reclaimIdle;
        this.maxDeliveries = b.maxDeliveries;
        this.patternRefresh = b.patternRefresh;
        this.readFromStart = b.readFromStart;
        this.streamPrefix = b.streamPrefix;
        this.deadLetterPrefix = b.deadLetterPrefix;
    }

    public static RedisStreamsOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The consumer group of every source, or null for a group of each source's own. The Redis group of a source is
     * {@code <group>:<pattern>}: instances of one loop in several processes with the same group and pattern share
     * it (each entry goes to one of them); a loop with another group gets every entry too (fan-out).
     */
    public String group() {
        return group;
    }

    /** This instance's name in its groups; unique per process, or a restarted instance takes the old one's entries. */
    public String consumer() {
        return consumer;
    }

    /** About how many entries the stream of {@code channel} keeps ({@code XADD … MAXLEN ~ n}). */
    public long maxLen(String channel) {
        for (Map.Entry<ChannelPattern, Long> e : maxLens.entrySet()) {
            if (e.getKey().matches(channel)) {
                return e.getValue();
            }
        }
        return maxLen;
    }

    /** How many entries one {@code XREADGROUP} or {@code XAUTOCLAIM} takes at most. */
    public int batch() {
        return batch;
    }

    /** How long an entry may stay delivered but not acknowledged before any consumer of its group takes it again. */
    public Duration reclaimIdle() {
        return reclaimIdle;
    }

    /** How many deliveries an entry gets; one reclaimed after that goes to the dead letters instead. */
    public int maxDeliveries() {
        return maxDeliveries;
    }

    /** How often a pattern's set of streams is looked up again ({@code SCAN MATCH}). */
    public Duration patternRefresh() {
        return patternRefresh;
    }

    /** Whether a group made now reads the entries its stream holds already, not only the ones added later. */
    public boolean readFromStart() {
        return readFromStart;
    }

    /** What the key of a channel's stream starts with. */
    public String streamPrefix() {
        return streamPrefix;
    }

    /** What the key of a channel's dead-letter stream starts with. */
    public String deadLetterPrefix() {
        return deadLetterPrefix;
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.group = group;
        b.consumer = consumer;
        b.maxLen = maxLen;
        b.maxLens.putAll(maxLens);
        b.batch = batch;
        b.reclaimIdle = reclaimIdle;
        b.maxDeliveries = maxDeliveries;
        b.patternRefresh = patternRefresh;
        b.readFromStart = readFromStart;
        b.streamPrefix = streamPrefix;
        b.deadLetterPrefix = deadLetterPrefix;
        return b;
    }

    @Override
    public String toString() {
        return "RedisStreamsOptions{group=" + group + ", consumer=" + consumer + ", maxLen=" + maxLen
                + (maxLens.isEmpty() ? "" : ", maxLens=" + maxLens) + ", batch=" + batch + ", reclaimIdle="
                + reclaimIdle + ", maxDeliveries=" + maxDeliveries + ", patternRefresh=" + patternRefresh
                + ", readFromStart=" + readFromStart + ", streamPrefix=" + streamPrefix + ", deadLetterPrefix="
                + deadLetterPrefix + "}";
    }

    /** Builds {@link RedisStreamsOptions}; each setter checks its argument. */
    public static final class Builder {
        private String group;
        private String consumer = "c-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
        private long maxLen = DEFAULT_MAX_LEN;
        private final Map<ChannelPattern, Long> maxLens = new LinkedHashMap<>();
        private int batch = DEFAULT_BATCH;
        private Duration reclaimIdle = Duration.ofSeconds(30);
        private int maxDeliveries = DEFAULT_MAX_DELIVERIES;
        private Duration patternRefresh = Duration.ofSeconds(1);
        private boolean readFromStart;
        private String streamPrefix = DEFAULT_STREAM_PREFIX;
        private String deadLetterPrefix = DEFAULT_DEAD_LETTER_PREFIX;

        private Builder() {
        }

        /** See {@link RedisStreamsOptions#group()}; null for a group per source. */
        public Builder group(String group) {
            this.group = group == null ? null : Checks.notBlank(group, "group");
            return this;
        }

        public Builder consumer(String consumer) {
            this.consumer = Checks.notBlank(consumer, "consumer");
            return this;
        }

        /** About how many entries every stream keeps, unless {@link #maxLen(String, long)} says otherwise. */
        public Builder maxLen(long n) {
            this.maxLen = positive("maxLen", n);
            return this;
        }

        /** About how many entries the streams of the channels matching {@code pattern} keep; the first match wins. */
        public Builder maxLen(String pattern, long n) {
            maxLens.put(ChannelPattern.of(Checks.notBlank(pattern, "pattern")), positive("maxLen", n));
            return this;
        }

        public Builder batch(int n) {
            this.batch = (int) positive("batch", n);
            return this;
        }

        public Builder reclaimIdle(Duration idle) {
            this.reclaimIdle = Checks.positive(idle, "reclaimIdle");
            return this;
        }

        public Builder maxDeliveries(int n) {
            this.maxDeliveries = (int) positive("maxDeliveries", n);
            return this;
        }

        public Builder patternRefresh(Duration every) {
            this.patternRefresh = Checks.positive(every, "patternRefresh");
            return this;
        }

        public Builder readFromStart(boolean fromStart) {
            this.readFromStart = fromStart;
            return this;
        }

        public Builder streamPrefix(String prefix) {
            this.streamPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        public Builder deadLetterPrefix(String prefix) {
            this.deadLetterPrefix = Checks.notBlank(prefix, "prefix");
            return this;
        }

        public RedisStreamsOptions build() {
            if (deadLetterPrefix.equals(streamPrefix)) {
                throw new IllegalArgumentException("deadLetterPrefix must differ from streamPrefix, both are '"
                        + streamPrefix + "'");
            }
            return new RedisStreamsOptions(this);
        }

        private static long positive(String name, long n) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + n);
            }
            return n;
        }
    }
}
