package io.mape;

import java.time.Instant;
import java.util.Objects;

/**
 * An item with an envelope: where it comes from, where it goes, how many elements it crossed, when it was made,
 * and the W3C trace context that follows it across elements and devices.
 *
 * <p>Immutable. Each element it enters returns a copy with {@code hops + 1} to its function; an element that emits
 * a Message with no {@code src} gets its own path stamped on it. {@link #derive(Object)} makes the next Message of
 * the same trace. On the wire it travels as {@code {"@type":"message","value":...,"src":...,"traceparent":...}};
 * REST also sends {@code traceparent}/{@code tracestate} as HTTP headers. With an
 * {@link io.mape.spi.ItemTracer} installed, the Message an element's function receives carries the span id of that
 * element's span, so what it derives is that span's child downstream.
 *
 * @param value     the payload, never null
 * @param src       path of the element that emitted it, or null
 * @param dst       path of the element it is meant for ({@link MapeOps#router} follows it), or null
 * @param hops      elements crossed so far
 * @param timestamp when it was made
 * @param trace     the trace it belongs to, with its origin time
 */
public record Message<T>(T value, String src, String dst, int hops, Instant timestamp, TraceContext trace) {

    public Message {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(trace, "trace");
    }

    /**
     * A Message of the trace {@code traceId} (32 lowercase hex digits) with a new span id, whose origin is
     * {@code timestamp}.
     *
     * @throws IllegalArgumentException when {@code traceId} is not a W3C trace id
     */
    public Message(T value, String src, String dst, int hops, Instant timestamp, String traceId) {
        this(value, src, dst, hops, timestamp, new TraceContext(traceId, TraceContext.randomId(16),
                TraceContext.SAMPLED, "", Objects.requireNonNull(timestamp, "timestamp")));
    }

    /** A new Message of a new trace, made now (its origin), with no src or dst. */
    public static <T> Message<T> of(T value) {
        Instant now = Instant.now();
        return new Message<>(value, null, null, 0, now, TraceContext.start(now));
    }

    /** A new Message of a new trace, made now (its origin), addressed to the element at {@code dst}. */
    public static <T> Message<T> of(T value, String dst) {
        return Message.<T>of(value).to(dst);
    }

    /** The next Message of this trace: a new value, made now, with this one's src, dst, hops and trace context. */
    public <R> Message<R> derive(R newValue) {
        return new Message<>(newValue, src, dst, hops, Instant.now(), trace);
    }

    /** This Message addressed to {@code dst}. */
    public Message<T> to(String dst) {
        return new Message<>(value, src, dst, hops, timestamp, trace);
    }

    /** This Message from {@code src}. */
    public Message<T> from(String src) {
        return new Message<>(value, src, dst, hops, timestamp, trace);
    }

    /** This Message having crossed one more element. */
    public Message<T> hop() {
        return new Message<>(value, src, dst, hops + 1, timestamp, trace);
    }

    /** This Message in the trace context {@code trace}. */
    public Message<T> withTrace(TraceContext trace) {
        return new Message<>(value, src, dst, hops, timestamp, trace);
    }

    /** The id of the trace it belongs to: 32 lowercase hex digits. */
    public String traceId() {
        return trace.traceId();
    }

    /** Its W3C {@code traceparent}: {@code 00-traceId-spanId-flags}. */
    public String traceparent() {
        return trace.traceparent();
    }

    /** Its W3C {@code tracestate}, or "" for none. */
    public String tracestate() {
        return trace.state();
    }

    /**
     * When its trace began: when the Message that started it was made with {@link #of}, which in a loop is when
     * its Monitor sensed the value. Kept across {@link #derive}, hops and devices, so an Execute can tell the
     * sense-to-act time of the item it acts on.
     */
    public Instant origin() {
        return trace.origin();
    }
}
