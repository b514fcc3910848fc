package io.mape.internal;

import java.util.Objects;

/**
 * An item of port in that carries what to call once the element has processed it: a transport with acknowledged
 * delivery (Redis Streams) acknowledges only then. {@link io.mape.Element} unwraps it and runs {@code ack} when the
 * item counts as processed (its body, or the operators on port in, took it without an exception); a failed or
 * dropped item is not acknowledged, so the transport delivers it again.
 *
 * @param item the item
 * @param ack  run once, on the thread that processed the item; it must not block
 */
public record Acked(Object item, Runnable ack) {

    public Acked {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(ack, "ack");
    }

    /** The item inside {@code o}, or {@code o}. */
    public static Object unwrap(Object o) {
        return o instanceof Acked a ? a.item : o;
    }

    /** Runs the ack of {@code o} when it is an {@link Acked}. */
    public static void ack(Object o) {
        if (o instanceof Acked a) {
            a.ack.run();
        }
    }
}
