package io.mape;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.annotation.CallableMethod;
import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableTransformer;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Typical user code in the three definition styles, written only against the public API: if this file stops
 * compiling, the API broke for users.
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

    /** Style 3: annotated methods on a plain object. */
    static final class Actuators {
        final List<String> actions = new ArrayList<>();

        @io.mape.annotation.PlanMethod(uid = "policy", opsIn = "throttle")
        String policy(String violation) {
            return "slow down: " + violation;
        }

        ObservableTransformer<String, String> throttle() {
            return Observable::distinctUntilChanged;
        }

        @io.mape.annotation.ExecuteMethod(uid = "act")
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
            loop.register(actuators);
            Element<String, String> policy = app.get("speed.policy");
            Element<String, Void> act = app.get("speed.act");

            Disposable l1 = sensor.link(tagged);
            tagged.link(limit);
            limit.link(policy);
            policy.link(act);
            sensor.start();

            sensor.onNext(new Reading("veyron", 300));
            sensor.onNext(new Reading("veyron", 300));
            sensor.onNext(new Reading("panda", 90));
            @SuppressWarnings({"unchecked", "rawtypes"})
            Element<Object, String> limitPort = (Element) limit;
            limitPort.onNext(CallMethod.of("setLimit", 80));
            sensor.onNext(new Reading("panda", 90));
            l1.dispose();

            assertThat(actuators.actions).containsExactly("slow down: veyron too fast", "slow down: panda too fast");
            assertThat(tagged.<String>property("last")).isEqualTo("panda");
            assertThat(limit.stats().itemsIn()).isEqualTo(5);
            assertThat(Schedulers.computation()).isNotNull();
        }
    }
}
