package io.mape.internal;

import io.mape.Element;
import io.mape.Message;
import io.mape.spi.ItemTracer;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/** Where the installed {@link ItemTracer} lives, and the guarded calls the data path makes to it. */
public final class Tracers {

    private static final ItemTracer[] NONE = {};

    /** The installed tracers, never changed in place: the one volatile read an element makes per item. */
    public static volatile ItemTracer[] installed = NONE;

    private static final LossLog FAILURES = new LossLog(LoggerFactory.getLogger(ItemTracer.class));

    private Tracers() {
    }

    public static synchronized void install(ItemTracer tracer) {
        if (!Arrays.asList(installed).contains(tracer)) {
            ItemTracer[] more = Arrays.copyOf(installed, installed.length + 1);
            more[installed.length] = tracer;
            installed = more;
        }
    }

    public static synchronized void uninstall(ItemTracer tracer) {
        installed = Arrays.stream(installed).filter(t -> t != tracer).toArray(ItemTracer[]::new);
    }

    /**
     * The span of {@code element} processing {@code item}, or null when it is not a Message or no tracer opened one.
     * With several tracers, each begins on the Message the one before handed on, and they end in reverse order.
     */
    public static ItemTracer.Span begin(Element<?, ?> element, Object item) {
        ItemTracer[] all = installed;
        if (all.length == 0 || !(item instanceof Message<?> m)) {
            return null;
        }
        if (all.length == 1) {
            return begin(all[0], element, m);
        }
        ItemTracer.Span[] spans = new ItemTracer.Span[all.length];
        Message<?> handed = m;
        for (int i = 0; i < all.length; i++) {
            spans[i] = begin(all[i], element, handed);
            if (spans[i] != null) {
                handed = spans[i].message();
            }
        }
        if (Arrays.stream(spans).allMatch(Objects::isNull)) {
            return null;
        }
        Message<?> out = handed;
        return new ItemTracer.Span() {
            @Override
            public Message<?> message() {
                return out;
            }

            @Override
            public void end(Throwable failure) {
                for (int i = spans.length - 1; i >= 0; i--) {
                    Tracers.end(element, spans[i], failure);
                }
            }
        };
    }

    private static ItemTracer.Span begin(ItemTracer t, Element<?, ?> element, Message<?> m) {
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
