package io.mape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mape.annotation.AnalyzeMethod;
import io.mape.annotation.CallableMethod;
import io.mape.annotation.ExecuteMethod;
import io.mape.annotation.MonitorMethod;
import io.mape.annotation.PlanMethod;
import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableTransformer;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegisterTest {

    private final App app = App.create(MapeConfig.defaults());
    private final Loop loop = app.loop("ambulance");

    @AfterEach
    void close() {
        app.close();
    }

    static final class AmbulanceBean {
        int speedLimit = 80;

        @MonitorMethod
        void detect(Boolean emergency, Output<Boolean> out) {
            out.next(emergency);
        }

        @PlanMethod(uid = "custom_policy", opsIn = "onlyChanges")
        void policy(Boolean emergency, Output<Map<String, Object>> out, Element<Boolean, Map<String, Object>> self) {
            out.next(Map.of("speed", emergency ? 180 : speedLimit, "by", self.path()));
        }

        ObservableTransformer<Boolean, Boolean> onlyChanges() {
            return Observable::distinctUntilChanged;
        }

        @AnalyzeMethod(opsOut = "positive")
        Integer square(Integer x) {
            return x * x - 10;
        }

        final ObservableTransformer<Integer, Integer> positive = up -> up.filter(x -> x > 0);

        @ExecuteMethod(uid = "exec")
        CompletionStage<Void> apply(Map<String, Object> actions, Output<String> out) {
            return CompletableFuture.runAsync(() -> out.next("applied " + actions.get("speed")));
        }

        @CallableMethod
        void limit(int kmh) {
            speedLimit = kmh;
        }
    }

    @Test
    void annotatedMethodsBecomeConfiguredElements() {
        AmbulanceBean bean = new AmbulanceBean();
        List<Element<?, ?>> made = loop.register(bean);

        assertThat(made).extracting(Element::uid)
                .containsExactlyInAnyOrder("detect", "custom_policy", "square", "exec");
        Element<Boolean, Boolean> detect = app.get("ambulance.detect");
        Element<Object, Map<String, Object>> policy = app.get("ambulance.custom_policy");
        Element<Integer, Integer> square = app.get("ambulance.square");
        Element<Map<String, Object>, String> exec = app.get("ambulance.exec");
        assertThat(detect.kind()).isEqualTo(Kind.MONITOR);
        assertThat(policy.kind()).isEqualTo(Kind.PLAN);
        assertThat(square.kind()).isEqualTo(Kind.ANALYZE);
        assertThat(exec.kind()).isEqualTo(Kind.EXECUTE);
        assertThat(detect.inputType()).isEqualTo(Boolean.class);
        assertThat(exec.inputType().getTypeName()).isEqualTo("java.util.Map<java.lang.String, java.lang.Object>");

        detect.link(policy);
        policy.link(exec);
        TestObserver<String> applied = exec.test();
        detect.start();
        detect.onNext(true);
        detect.onNext(true);
        policy.onNext(CallMethod.of("limit", 60));
        detect.onNext(false);

        await().atMost(5, TimeUnit.SECONDS).until(() -> applied.values().size() == 2);
        applied.assertValues("applied 180", "applied 60");
        assertThat(bean.speedLimit).isEqualTo(60);

        TestObserver<Integer> squares = square.test();
        square.onNext(1);
        square.onNext(4);
        squares.assertValues(6);
    }

    static final class Scheduled {
        @ExecuteMethod(scheduler = "single", debug = Debug.IN)
        String where(Integer x) {
            return Thread.currentThread().getName();
        }
    }

    @Test
    void schedulerAndDebugFromTheAnnotation() {
        loop.register(new Scheduled());
        Element<Integer, String> where = app.get("ambulance.where");
        TestObserver<String> seen = where.test();

        where.onNext(1);

        seen.awaitCount(1);
        assertThat(seen.values().get(0)).startsWith("RxSingleScheduler");
    }

    static final class NoAnnotations {
        void nothing() {
        }
    }

    static final class BadShape {
        @MonitorMethod
        void tooMany(Object a, Object b, Object c, Object d) {
        }
    }

    static final class MissingOps {
        @MonitorMethod(opsIn = "nowhere")
        void m(Object x) {
        }
    }

    static final class WrongOps {
        @MonitorMethod(opsIn = "notOps")
        void m(Object x) {
        }

        String notOps() {
            return "x";
        }
    }

    static final class BadScheduler {
        @MonitorMethod(scheduler = "fast")
        void m(Object x) {
        }
    }

    @Test
    void aBeanThatCannotBeRegisteredSaysWhy() {
        assertThatThrownBy(() -> loop.register(new NoAnnotations())).hasMessageContaining("no method annotated");
        assertThatThrownBy(() -> loop.register(new BadShape())).hasMessageContaining("tooMany must take");
        assertThatThrownBy(() -> loop.register(new MissingOps())).hasMessageContaining("no method nowhere() or field nowhere");
        assertThatThrownBy(() -> loop.register(new WrongOps())).hasMessageContaining("must give an ObservableTransformer");
        assertThatThrownBy(() -> loop.register(new BadScheduler())).hasMessageContaining("unknown scheduler 'fast'");
    }

    /** A bean-defined loop wired by its annotations alone. */
    static final class LinkedBean {
        final List<String> done = new java.util.concurrent.CopyOnWriteArrayList<>();

        @MonitorMethod(to = "policy")
        Boolean detect(Boolean emergency) {
            return emergency;
        }

        @PlanMethod
        Map<String, Object> policy(Boolean emergency) {
            return Map.of("siren", emergency);
        }

        @ExecuteMethod(from = "policy")
        void act(Map<String, Object> actions) {
            done.add("siren " + actions.get("siren"));
        }
    }

    @Test
    void fromAndToLinkTheBeansElementsAtRegistration() {
        LinkedBean bean = new LinkedBean();
        loop.register(bean);
        Element<Boolean, Boolean> detect = loop.element("detect", Boolean.class, Boolean.class);

        detect.start();
        detect.onNext(true);
        detect.onNext(false);

        assertThat(bean.done).containsExactly("siren true", "siren false");
    }

    static final class Source {
        @MonitorMethod(uid = "speed")
        Double speed(Double kmh) {
            return kmh;
        }
    }

    static final class MismatchedLink {
        @PlanMethod(from = "speed")
        void words(String s, Output<String> out) {
            out.next(s);
        }

        @ExecuteMethod
        void other(Object x) {
        }
    }

    @Test
    void aLinkThatDoesNotFitFailsAtRegistrationNamingBothTypesAndLeavesNothing() {
        loop.register(new Source());

        assertThatThrownBy(() -> loop.register(new MismatchedLink()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot link ambulance.speed to ambulance.words: it emits Double, which is not the "
                        + "String that ambulance.words takes");
        assertThat(loop.elements()).extracting(Element::uid).containsExactly("speed");
    }

    static final class MissingLink {
        @PlanMethod(to = "nowhere")
        void p(Object x) {
        }
    }

    @Test
    void aLinkToNothingFailsAtRegistration() {
        assertThatThrownBy(() -> loop.register(new MissingLink()))
                .isInstanceOf(PathNotFoundException.class).hasMessageContaining("no element 'nowhere'");
        assertThat(loop.elements()).isEmpty();
    }

    @Test
    void aBeanMethodDeclaresItsOutputType() {
        loop.register(new AmbulanceBean());
        Loop linked = app.loop("linked");
        linked.register(new LinkedBean());

        assertThat(loop.get("detect").outputType()).isEqualTo(Boolean.class);
        assertThat(loop.get("square").outputType()).isEqualTo(Integer.class);
        assertThat(loop.get("exec").outputType()).isEqualTo(String.class);
        assertThat(linked.get("policy").outputType().getTypeName())
                .isEqualTo("java.util.Map<java.lang.String, java.lang.Object>");
    }
}
