package io.mape.internal;

import io.mape.Element;
import io.mape.Message;
import io.mape.spi.ItemTracer;
import org.slf4j.LoggerFactory;

/** Where the installed {@link ItemTracer} lives, and the guarded calls the data path makes to it. */
public final class Tracers {

    /** The installed tracer, or null: the one volatile read an element makes per item. */
    public static volatile ItemTracer installed;

    private static final LossLog FAILURES = new LossLog(LoggerFactory.getLogger(ItemTracer.class));

    private Tracers() {
    }

    /** The span of {@code element} processing {@code item}, or null when it is not a Message or none is installed. */
    public static ItemTracer.Span begin(Element<?, ?> element, Object item) {
        ItemTracer t = installed;
        if (t == null || !(item instanceof Message<?> m)) {
            return null;
        }
        try {
            ItemTracer.Span span = t.begin(element, m);
            return span != null && span.message() != null ? span : null;
        } catch (RuntimeException e) {
            FAILURES.warn("{}: the item tracer failed to begin a span; processed untraced: {}", element.path(),
                    e.toString());
            return null;
        }
    }

    /** Ends {@code span} if there is one. */
    public static void end(Element<?, ?> element, ItemTracer.Span span, Throwable failure) {
        if (span == null) {
            return;
        }
        try {
            span.end(failure);
        } catch (RuntimeException e) {
            FAILURES.warn("{}: the item tracer failed to end a span: {}", element.path(), e.toString());
        }
    }
}
