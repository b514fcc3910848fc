package io.mape.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.Element;
import io.mape.Message;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.Transport;
import io.mape.remote.redis.RedisTransport;
import io.mape.remote.rest.RestServer;
import io.mape.remote.rest.RestTransport;
import io.mape.test.redis.RedisExtension;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One trace across three Apps: a monitor publishes on a real Redis, a plan on another App takes it from there and
 * posts it to a third App's real RestServer, whose execute acts on it. The OTel SDK's in-memory exporter sees the
 * three element spans in one trace, each the parent of the next.
 */
class ThreeAppsTraceIT {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.any();

    private static final String TOKEN = "secret";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();
    private final OpenTelemetryTracing tracing = OpenTelemetryTracing.install(otel);
    private final List<App> apps = new ArrayList<>();

    @AfterEach
    void tearDown() {
        apps.forEach(App::close);
        tracing.close();
        otel.close();
    }

    private App app() {
        App app = App.create(MapeConfig.builder().redisUrl(REDIS.server().url()).build());
        apps.add(app);
        return app;
    }

    @Test
    void oneTraceSpansMonitorRedisPlanRestExecute() {
        App executing = app();
        List<Message<Integer>> acted = new CopyOnWriteArrayList<>();
        executing.loop("room").execute("exec", (Message<Integer> m, Output<Void> o) -> acted.add(m)).start();
        RestServer server = RestServer.builder(executing).host("127.0.0.1").port(0).token(TOKEN).build();

        App planning = app();
        Element<Message<Integer>, Message<Integer>> plan = planning.loop("room").plan("plan",
                (Message<Integer> m, Output<Message<Integer>> o) -> o.next(m.derive(m.value() + 1)));
        plan.link(RestTransport.builder(planning).peer("room.*", server.uri(), TOKEN).build().sink("room.exec"));
        plan.start();
        RedisTransport.builder(planning).build().source("room.plan", plan).ready().blockingAwait(30, TimeUnit.SECONDS);

        App sensing = app();
        Transport redis = RedisTransport.builder(sensing).build();
        Element<Message<Integer>, Message<Integer>> monitor = sensing.loop("room").monitor("mon",
                (Message<Integer> m, Output<Message<Integer>> o) -> o.next(m.derive(m.value() * 10)));
        monitor.link(redis.sink("room.plan"));
        monitor.start();
        Message<Integer> sensed = Message.of(2);

        monitor.onNext(sensed);

        await().until(() -> acted.size() == 1 && exporter.getFinishedSpanItems().size() == 3);
        Map<String, SpanData> spans = exporter.getFinishedSpanItems().stream()
                .collect(Collectors.toMap(SpanData::getName, Function.identity()));
        SpanData mon = spans.get("room.mon");
        SpanData pl = spans.get("room.plan");
        SpanData ex = spans.get("room.exec");
        assertThat(List.of(mon.getTraceId(), pl.getTraceId(), ex.getTraceId())).containsOnly(sensed.traceId());
        assertThat(mon.getParentSpanId()).as("the sensed item's own context").isEqualTo(sensed.trace().spanId());
        assertThat(pl.getParentSpanId()).as("across Redis").isEqualTo(mon.getSpanId());
        assertThat(pl.getParentSpanContext().isRemote()).isTrue();
        assertThat(ex.getParentSpanId()).as("across REST").isEqualTo(pl.getSpanId());
        assertThat(List.of(mon, pl, ex)).extracting(s -> s.getAttributes()
                .get(io.opentelemetry.api.common.AttributeKey.stringKey(OpenTelemetryTracing.KIND_ATTR)))
                .containsExactly("monitor", "plan", "execute");
        Message<Integer> act = acted.get(0);
        assertThat(act.value()).isEqualTo(21);
        assertThat(act.origin()).as("the time the monitor sensed it, across both hops").isEqualTo(sensed.origin());
        assertThat(act.trace().spanId()).isEqualTo(ex.getSpanId());
    }
}
