package io.mape;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An item with an envelope: where it comes from, where it goes, how many elements it crossed, when it was made,
 * and a trace id that follows it across elements and devices.
 *
 * <p>Immutable. Each element it enters returns a copy with {@code hops + 1} to its function; an element that emits
 * a Message with no {@code src} gets its own path stamped on it. {@link #derive(Object)} makes the next Message of
 * the same trace. On the wire it travels as {@code {"@type":"message","value":...,"src":...}}.
 *
 * @param value     the payload, never null
 * @param src       path of the element that emitted it, or null
 * @param dst       path of the element it is meant for ({@link MapeOps#router} follows it), or null
 * @param hops      elements crossed so far
 * @param timestamp when it was made
 * @param traceId   the trace it belongs to
 */
public record Message<T>(T value, String src, String dst, int hops, Instant timestamp, String traceId) {

    public Message {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(traceId, "traceId");
    }

    /** A new Message of a new trace, made now, with no src or dst. */
    public static <T> Message<T> of(T value) {
        return new Message<>(value, null, null, 0, Instant.now(), newTraceId());
    }

    /** A new Message of a new trace, addressed to the element at {@code dst}. */
    public static <T> Message<T> of(T value, String dst) {
        return new Message<>(value, null, dst, 0, Instant.now(), newTraceId());
    }

    /** The next Message of this trace: a new value, made now, with this one's src, dst, hops and trace id. */
    public <R> Message<R> derive(R newValue) {
        return new Message<>(newValue, src, dst, hops, Instant.now(), traceId);
    }

    /** This Message addressed to {@code dst}. */
    public Message<T> to(String dst) {
        return new Message<>(value, src, dst, hops, timestamp, traceId);
    }

    /** This Message from {@code src}. */
    public Message<T> from(String src) {
        return new Message<>(value, src, dst, hops, timestamp, traceId);
    }

    /** This Message having crossed one more element. */
    public Message<T> hop() {
        return new Message<>(value, src, dst, hops + 1, timestamp, traceId);
    }

    private static String newTraceId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
    }
}
