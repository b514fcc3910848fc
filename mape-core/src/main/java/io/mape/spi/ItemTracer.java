package io.mape.spi;

import io.mape.Element;
import io.mape.Message;
import io.mape.internal.Tracers;

/**
 * Sees each {@link Message} an element's function processes: told when it starts, and when the function returned
 * (or its asynchronous stage completed). Items that are not Messages carry no trace context and are not shown.
 * {@link #install Installed} for the whole JVM, best before the Apps start; several may be (OpenTelemetry's spans,
 * the metrics' cycle time), each seeing the Message the one installed before it handed on. When none is installed
 * an element pays one volatile read per item.
 *
 * <p>Called on the element's processing thread; {@link #begin} and {@link Span#end} must be quick and must not
 * throw (what they throw is logged and the item processed as if no tracer were there).
 */
public interface ItemTracer {

    /**
     * {@code element} starts processing {@code in}, whose {@link Message#trace()} names the span that handed it on
     * as parent. Returns the span, whose {@link Span#message()} the function gets instead: {@code in} with the
     * span's own id, so what the function derives from it is that span's child.
     */
    Span begin(Element<?, ?> element, Message<?> in);

    /** The processing of one Message by one element. */
    interface Span {

        /** The Message the function gets, in this span's context. */
        Message<?> message();

        /** The function returned ({@code failure} null) or threw {@code failure}. Called once. */
        void end(Throwable failure);
    }

    /** Installs {@code tracer} for every element of this JVM, after those installed already; once only. */
    static void install(ItemTracer tracer) {
        Tracers.install(java.util.Objects.requireNonNull(tracer, "tracer"));
    }

    /** Uninstalls {@code tracer}; nothing if it is not installed. */
    static void uninstall(ItemTracer tracer) {
        Tracers.uninstall(tracer);
    }

    /** The installed tracers, in order (a snapshot). */
    static java.util.List<ItemTracer> installed() {
        return java.util.List.of(Tracers.installed);
    }
}
