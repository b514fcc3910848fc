package io.mape.opentelemetry;

import io.mape.Element;
import io.mape.Level;
import io.mape.Message;
import io.mape.TraceContext;
import io.mape.spi.ItemTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Spans for the elements of every App in this JVM: one per element processing a {@link Message}, named by the
 * element's path ({@code loop.element}), with attributes {@value #KIND_ATTR}, {@value #LOOP_ATTR} and, when the
 * loop is in a level, {@value #LEVEL_ATTR}. Its parent is the span the Message's {@code traceparent} names, and
 * the Message the element's function gets carries the new span's id, so what it derives links to that span on the
 * next element, here or on another device (the envelope and REST headers carry the context). A failing function
 * ends its span with status ERROR and the exception recorded.
 *
 * <pre>{@code
 * OpenTelemetry otel = ...;                      // the SDK, or GlobalOpenTelemetry.get()
 * try (OpenTelemetryTracing tracing = OpenTelemetryTracing.install(otel)) {
 *     app.start();
 *     ...
 * }
 * }</pre>
 *
 * Items that are not Messages carry no trace context and get no span. The span is not made current on the
 * processing thread.
 */
public final class OpenTelemetryTracing implements ItemTracer, AutoCloseable {

    /** The instrumentation scope name of the spans. */
    public static final String SCOPE = "io.mape";
    /** The attribute naming the element's kind: {@code monitor}, {@code analyze}, {@code plan}, {@code execute}. */
    public static final String KIND_ATTR = "mape.element.kind";
    /** The attribute naming the element's loop. */
    public static final String LOOP_ATTR = "mape.loop";
    /** The attribute naming the level of the element's loop. */
    public static final String LEVEL_ATTR = "mape.level";

    private static final AttributeKey<String> KIND = AttributeKey.stringKey(KIND_ATTR);
    private static final AttributeKey<String> LOOP = AttributeKey.stringKey(LOOP_ATTR);
    private static final AttributeKey<String> LEVEL = AttributeKey.stringKey(LEVEL_ATTR);
    private static final TextMapGetter<TraceContext> FROM_MESSAGE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(TraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return switch (key) {
                case "traceparent" -> carrier.traceparent();
                case "tracestate" -> carrier.state().isEmpty() ? null : carrier.state();
                default -> null;
            };
        }
    };

    private final Tracer tracer;

    private OpenTelemetryTracing(OpenTelemetry openTelemetry) {
        this.tracer = Objects.requireNonNull(openTelemetry, "openTelemetry").getTracer(SCOPE);
    }

    /** Installs spans from {@code openTelemetry}'s tracer for every element of this JVM, after any other tracer. */
    public static OpenTelemetryTracing install(OpenTelemetry openTelemetry) {
        OpenTelemetryTracing tracing = new OpenTelemetryTracing(openTelemetry);
        ItemTracer.install(tracing);
        return tracing;
    }

    /** Uninstalls this tracer. */
    @Override
    public void close() {
        ItemTracer.uninstall(this);
    }

    @Override
    public Span begin(Element<?, ?> element, Message<?> in) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), in.trace(), FROM_MESSAGE);
        SpanBuilder b = tracer.spanBuilder(element.path())
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(KIND, element.kind().name().toLowerCase(Locale.ROOT));
        if (element.loop() != null) {
            b.setAttribute(LOOP, element.loop().uid());
            element.loop().level().map(Level::uid).ifPresent(l -> b.setAttribute(LEVEL, l));
        }
        io.opentelemetry.api.trace.Span span = b.startSpan();
        SpanContext c = span.getSpanContext();
        Message<?> out = c.isValid() && !c.getSpanId().equals(in.trace().spanId())
                ? in.withTrace(new TraceContext(c.getTraceId(), c.getSpanId(), c.getTraceFlags().asByte() & 0xff,
                        in.tracestate(), in.origin()))
                : in;
        return new Span() {
            @Override
            public Message<?> message() {
                return out;
            }

            @Override
            public void end(Throwable failure) {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
                }
                span.end();
            }
        };
    }
}
