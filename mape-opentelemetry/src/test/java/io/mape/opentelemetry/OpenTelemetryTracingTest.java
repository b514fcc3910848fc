package io.mape.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.App;
import io.mape.Element;
import io.mape.Loop;
import io.mape.Message;
import io.mape.Output;
import io.mape.TraceContext;
import io.mape.config.MapeConfig;
import io.mape.spi.ItemTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenTelemetryTracingTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();
    private final OpenTelemetryTracing tracing = OpenTelemetryTracing.install(otel);
    private final App app = App.create(MapeConfig.defaults());
    private final Loop loop = app.loop("room");

    @AfterEach
    void tearDown() {
        tracing.close();
        app.close();
        otel.close();
    }

    private SpanData span(String name) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aSpanPerElementParentedByTheTraceparentOfTheMessage() {
        Element<Message<Integer>, Message<Integer>> plan = loop.plan("plan",
                (Message<Integer> m, Output<Message<Integer>> o) -> o.next(m.derive(m.value() * 2)));
        Element<Message<Integer>, Message<Integer>> exec = loop.execute("exec",
                (Message<Integer> m, Output<Message<Integer>> o) -> o.next(m));
        plan.link(exec);
        TestObserver<Message<Integer>> seen = exec.test();
        Message<Integer> in = Message.of(21).withTrace(TraceContext.parse(PARENT, "congo=t61rcWkgMzE", null));

        plan.onNext(in);

        SpanData p = span("room.plan");
        SpanData e = span("room.exec");
        assertThat(p.getTraceId()).isEqualTo(in.traceId()).isEqualTo(e.getTraceId());
        assertThat(p.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(p.getParentSpanContext().isRemote()).isTrue();
        assertThat(p.getParentSpanContext().getTraceState().get("congo")).isEqualTo("t61rcWkgMzE");
        assertThat(e.getParentSpanId()).isEqualTo(p.getSpanId());
        assertThat(p.getAttributes().get(AttributeKey.stringKey(OpenTelemetryTracing.KIND_ATTR))).isEqualTo("plan");
        assertThat(e.getAttributes().get(AttributeKey.stringKey(OpenTelemetryTracing.LOOP_ATTR))).isEqualTo("room");
        Message<Integer> out = seen.values().get(0);
        assertThat(out.trace().spanId()).as("downstream, the exec span is the parent").isEqualTo(e.getSpanId());
        assertThat(out.tracestate()).isEqualTo("congo=t61rcWkgMzE");
        assertThat(out.origin()).isEqualTo(in.origin());
    }

    @Test
    void aFailingFunctionMarksItsSpan() {
        Element<Message<Integer>, Message<Integer>> plan = loop.plan("plan",
                (Message<Integer> m, Output<Message<Integer>> o) -> {
                    throw new IllegalStateException("no plan");
                });
        plan.test();

        plan.onNext(Message.of(1));

        SpanData p = span("room.plan");
        assertThat(p.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(p.getEvents()).anyMatch(ev -> ev.getName().equals("exception"));
    }

    @Test
    void closedTracingAndPlainItemsMakeNoSpans() {
        Element<Integer, Integer> plain = loop.plan("plain", (Integer x, Output<Integer> o) -> o.next(x));
        plain.test();
        plain.onNext(1);
        tracing.close();
        Element<Message<Integer>, Message<Integer>> m = loop.plan("m",
                (Message<Integer> x, Output<Message<Integer>> o) -> o.next(x));
        m.test();
        m.onNext(Message.of(1));

        assertThat(ItemTracer.installed()).doesNotContain(tracing);
        assertThat(exporter.getFinishedSpanItems()).isEmpty();
    }
}
