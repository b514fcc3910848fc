package io.mape.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.App;
import io.mape.Element;
import io.mape.Loop;
import io.mape.Message;
import io.mape.Output;
import io.mape.TraceContext;
import io.mape.config.MapeConfig;
import io.mape.spi.ItemTracer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code mape.loop.cycle}: from a Message's origin to the end of the Execute it caused, per loop. */
class CycleTimeTest {

    private final App app = App.create(MapeConfig.defaults());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        app.close();
    }

    private static Message<Integer> sensed(int value, Duration ago) {
        return Message.of(value).withTrace(TraceContext.start(Instant.now().minus(ago)));
    }

    @Test
    void eachMessageAnExecuteActsOnIsOneCycleFromItsOriginTaggedByLoop() {
        Loop loop = app.loop("cruise");
        Element<Message<Integer>, Message<Integer>> plan = loop.plan("plan",
                (Message<Integer> m, Output<Message<Integer>> out) -> out.next(m.derive(m.value() * 2)));
        Element<Message<Integer>, Void> exec = loop.execute("throttle", (Message<Integer> m, Output<Void> out) -> {
            if (m.value() < 0) {
                throw new IllegalStateException("no negative throttle");
            }
        });
        plan.link(exec);
        MapeMetrics.builder(app).appName("car").build().bindTo(registry);

        plan.onNext(sensed(1, Duration.ofSeconds(2)));
        plan.onNext(sensed(2, Duration.ofSeconds(4)));
        plan.onNext(sensed(-1, Duration.ofSeconds(9)));
        ((Element<Object, ?>) (Element<?, ?>) exec).onNext(7);

        Timer cycle = registry.get("mape.loop.cycle").tags("app", "car", "level", "", "loop", "cruise").timer();
        assertThat(cycle.count()).as("two acted; a failed act and a plain item are no cycle").isEqualTo(2);
        assertThat(cycle.max(TimeUnit.MILLISECONDS)).isBetween(4_000.0, 5_000.0);
        assertThat(cycle.totalTime(TimeUnit.MILLISECONDS)).isBetween(6_000.0, 7_500.0);
    }

    @Test
    void onlyTheAppsOwnExecutesCountAndClosingTheAppUninstallsItsTracer() {
        try (App other = App.create(MapeConfig.defaults())) {
            Element<Message<Integer>, Void> elsewhere = other.loop("far").execute("act",
                    (Message<Integer> m, Output<Void> out) -> { });
            Element<Message<Integer>, Void> here = app.loop("near").execute("act",
                    (Message<Integer> m, Output<Void> out) -> { });
            MapeMetrics.of(app).bindTo(registry);
            int installed = ItemTracer.installed().size();

            elsewhere.onNext(sensed(1, Duration.ofSeconds(1)));
            here.onNext(sensed(1, Duration.ofSeconds(1)));

            assertThat(registry.find("mape.loop.cycle").tag("loop", "far").timer()).isNull();
            assertThat(registry.get("mape.loop.cycle").tag("loop", "near").timer().count()).isEqualTo(1);
            app.close();
            assertThat(ItemTracer.installed()).hasSize(installed - 1);
        }
    }

    @Test
    void offItInstallsNothing() {
        int before = ItemTracer.installed().size();
        MapeMetrics.builder(app).cycleTime(false).build().bindTo(registry);

        assertThat(ItemTracer.installed()).hasSize(before);
    }
}
