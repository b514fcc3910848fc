package io.mape.usercode;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.*;
import io.mape.annotation.*;
import io.mape.config.MapeConfig;
import io.mape.knowledge.TypeRef;
import io.reactivex.rxjava3.core.*;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.*;
import org.junit.jupiter.api.Test;

/**
 * Typical user code in the three definition styles, written only against the public API, outside the library's
 * packages, with wildcard imports of ours beside RxJava's and {@code java.util.concurrent}'s, and without a cast: if
 * this file stops compiling, the API broke for users.
 */
class PublicApiTest {

    record Reading(String car, double speed) {
    }

    /** Style 2: a subclass with state and a callable method. */
    static final class SpeedLimit extends Analyze<Reading, String> {
        private double limit;

        SpeedLimit(double limit) {
            super("limit");
            this.limit = limit;
        }

        @Override
        protected void process(Reading r, Output<String> out) {
            if (r.speed() > limit) {
                out.next(r.car() + " too fast");
            }
        }

        @CallableMethod
        void setLimit(double limit) {
            this.limit = limit;
        }
    }

    /** Style 3: annotated methods on a plain object, linked by their annotations. */
    static final class Actuators {
        final List<String> actions = new CopyOnWriteArrayList<>();

        @PlanMethod(uid = "policy", from = "limit", to = "act", opsIn = "throttle")
        String policy(String violation) {
            return "slow down: " + violation;
        }

        ObservableTransformer<String, String> throttle() {
            return Observable::distinctUntilChanged;
        }

        @ExecuteMethod(uid = "act")
        void act(String action, Output<Void> out) {
            actions.add(action);
        }
    }

    @Test
    void typicalUserCodeInAllThreeStyles() {
        try (App app = App.create(MapeConfig.builder().debug(false).build())) {
            Loop loop = app.loop("speed");

            // Style 1: lambdas, with and without self.
            Element<Reading, Reading> sensor = loop.monitor("sensor", (Reading r, Output<Reading> out) -> out.next(r));
            Element<Reading, Reading> tagged = loop.analyze("tagged", (Reading r, Output<Reading> out, Element<Reading, Reading> self) -> {
                self.property("last", r.car());
                out.next(r);
            });
            sensor.opsOut(up -> up.filter(r -> r.speed() >= 0)).scheduler(null).debug();

            SpeedLimit limit = loop.add(new SpeedLimit(130));
            Actuators actuators = new Actuators();

            Disposable l1 = sensor.link(tagged);
            loop.link("tagged", "limit");
            loop.register(actuators);
            sensor.start();

            sensor.onNext(new Reading("veyron", 300));
            sensor.onNext(new Reading("veyron", 300));
            sensor.onNext(new Reading("panda", 90));
            Element<Object, String> limitPort = app.loop("speed").element("limit", Object.class, String.class);
            limitPort.onNext(CallMethod.of("setLimit", 80));
            sensor.onNext(new Reading("panda", 90));
            l1.dispose();

            assertThat(actuators.actions).containsExactly("slow down: veyron too fast", "slow down: panda too fast");
            assertThat(tagged.<String>property("last")).isEqualTo("panda");
            assertThat(limit.stats().itemsIn()).isEqualTo(5);
            assertThat(Schedulers.computation()).isNotNull();
        }
    }

    record Speed(double kmh) {
    }

    static final class Car {
        final List<Double> seen = new ArrayList<>();

        void onSpeed(Message<Speed> m, Output<Double> out) {
            seen.add(m.value().kmh());
            out.next(m.value().kmh());
        }
    }

    @Test
    void genericInputTypesAndGetOrCreateWithoutCasts() throws Exception {
        try (App app = App.create(MapeConfig.builder().debug(false).build())) {
            Car car = new Car();
            app.loop("car_a").monitor("speed", car::onSpeed);
            app.loop("car_a").plan("brake", new TypeRef<Message<Speed>>() { },
                    (m, out) -> out.next(m.value().kmh() > 100));

            Element<Message<Speed>, Double> speed =
                    app.element("car_a.speed", new TypeRef<Message<Speed>>() { }, TypeRef.of(Double.class));
            Element<Message<Speed>, Object> brake =
                    app.element("car_a.brake", new TypeRef<Message<Speed>>() { }, TypeRef.of(Object.class));
            CompletableFuture<Object> braked = new CompletableFuture<>();
            brake.subscribe(braked::complete);

            speed.start();
            speed.onNext(Message.of(new Speed(88)));
            brake.onNext(Message.of(new Speed(120)));

            assertThat(car.seen).containsExactly(88.0);
            assertThat(braked.get(5, TimeUnit.SECONDS)).isEqualTo(true);
        }
    }
}
