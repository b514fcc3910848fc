package io.mape;

import io.mape.internal.LossLog;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * The W3C trace context a {@link Message} carries (<a href="https://www.w3.org/TR/trace-context/">Trace
 * Context</a>), plus the trace's origin time.
 *
 * <p>{@link #traceparent()} is {@code 00-<traceId>-<spanId>-<flags>}: {@code spanId} is the span of whatever last
 * handled the Message (the element that made it, when a tracer is installed), so the span of the element it reaches
 * next names it as parent. {@code origin} is when the trace began: when the Message that started it was made with
 * {@link Message#of}, which in a loop is when its Monitor sensed the value; it stays the same across
 * {@link Message#derive}, hops and devices.
 *
 * @param traceId 32 lowercase hex digits, not all zero
 * @param spanId  16 lowercase hex digits, not all zero: the parent-id of the next span
 * @param flags   the trace flags byte ({@code 01} = sampled)
 * @param state   the {@code tracestate} header value as received, or "" when there is none
 * @param origin  when the trace began
 */
public record TraceContext(String traceId, String spanId, int flags, String state, Instant origin) {

    /** The flag of a sampled trace. */
    public static final int SAMPLED = 0x01;

    private static final AtomicLong REJECTED = new AtomicLong();
    private static final LossLog REJECTED_LOG = new LossLog(LoggerFactory.getLogger(TraceContext.class));

    public TraceContext {
        if (!isId(traceId, 32)) {
            throw new IllegalArgumentException("a trace id is 32 lowercase hex digits, not all zero: " + traceId);
        }
        if (!isId(spanId, 16)) {
            throw new IllegalArgumentException("a span id is 16 lowercase hex digits, not all zero: " + spanId);
        }
        if (flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("the trace flags are one byte: " + flags);
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(origin, "origin");
    }

    /** A new sampled trace that began at {@code origin}. */
    public static TraceContext start(Instant origin) {
        return new TraceContext(randomId(32), randomId(16), SAMPLED, "", origin);
    }

    /**
     * The context of a {@code traceparent} and {@code tracestate} (null for none) received from elsewhere, with the
     * origin time it came with (null: now). Parsed strictly: version {@code 00} has exactly four fields; a later
     * version may add fields after a dash; lowercase hex only; ids not all zero; version {@code ff} is invalid.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static TraceContext parse(String traceparent, String tracestate, Instant origin) {
        Objects.requireNonNull(traceparent, "traceparent");
        String t = traceparent.strip();
        if (t.length() < 55 || t.charAt(2) != '-' || t.charAt(35) != '-' || t.charAt(52) != '-') {
            throw new IllegalArgumentException("a traceparent is version-traceid-parentid-flags (2-32-16-2 hex digits)");
        }
        String version = t.substring(0, 2);
        if (!isHex(version)) {
            throw new IllegalArgumentException("the version of a traceparent is 2 lowercase hex digits: " + version);
        }
        if (version.equals("ff")) {
            throw new IllegalArgumentException("traceparent version ff is invalid");
        }
        if (version.equals("00") ? t.length() != 55 : t.length() > 55 && t.charAt(55) != '-') {
            throw new IllegalArgumentException("a version " + version + " traceparent has a wrong length");
        }
        String flags = t.substring(53, 55);
        if (!isHex(flags)) {
            throw new IllegalArgumentException("the flags of a traceparent are 2 lowercase hex digits: " + flags);
        }
        String state = tracestate == null ? "" : tracestate.strip();
        return new TraceContext(t.substring(3, 35), t.substring(36, 52), Integer.parseInt(flags, 16), state,
                origin == null ? Instant.now() : origin);
    }

    /**
     * {@link #parse}, or a new trace when {@code traceparent} is malformed: that one is counted
     * ({@link #rejected()}) and logged at WARN, rate-limited, naming {@code where} it came from. For edges (a
     * transport, an HTTP header) where a bad trace context must not cost the item. A null {@code traceparent} is
     * no trace context at all: a new trace, not counted.
     */
    public static TraceContext parseOrStart(String traceparent, String tracestate, Instant origin, String where) {
        Instant o = origin == null ? Instant.now() : origin;
        if (traceparent == null) {
            return start(o);
        }
        try {
            return parse(traceparent, tracestate, o);
        } catch (IllegalArgumentException e) {
            REJECTED.incrementAndGet();
            REJECTED_LOG.warn("{}: malformed traceparent ignored, a new trace started: {}", where, e.getMessage());
            return start(o);
        }
    }

    /** How many malformed {@code traceparent}s {@link #parseOrStart} has ignored in this JVM. */
    public static long rejected() {
        return REJECTED.get();
    }

    /** The {@code traceparent} header value: {@code 00-traceId-spanId-flags}. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + (flags < 0x10 ? "0" : "") + Integer.toHexString(flags);
    }

    /** Whether the sampled flag is set. */
    public boolean sampled() {
        return (flags & SAMPLED) != 0;
    }

    /** This trace with {@code spanId} as the parent of the next span: what a span hands downstream. */
    public TraceContext child(String spanId) {
        return new TraceContext(traceId, spanId, flags, state, origin);
    }

    /** This trace with a new random span id. */
    public TraceContext child() {
        return child(randomId(16));
    }

    /** This context with another {@code tracestate} value. */
    public TraceContext withState(String state) {
        return new TraceContext(traceId, spanId, flags, state, origin);
    }

    static String randomId(int digits) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder b = new StringBuilder(digits);
        for (int i = 0; i < digits; i += 16) {
            String h = Long.toHexString(r.nextLong() | Long.MIN_VALUE);
            b.append(h, 0, Math.min(16, digits - i));
        }
        return b.toString();
    }

    private static boolean isId(String id, int digits) {
        if (id == null || id.length() != digits || !isHex(id)) {
            return false;
        }
        for (int i = 0; i < digits; i++) {
            if (id.charAt(i) != '0') {
                return true;
            }
        }
        return false;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
