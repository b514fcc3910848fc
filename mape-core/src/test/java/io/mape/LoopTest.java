package io.mape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.config.MapeConfig;
import io.mape.knowledge.TypeRef;
import io.mape.testing.StdErr;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Typed lookups, links by name and the declared types of lambda elements. */
class LoopTest {

    private final App app = App.create(MapeConfig.defaults());
    private final Loop loop = app.loop("car");

    @AfterEach
    void close() {
        app.close();
    }

    record Speed(double kmh) {
    }

    static final class Detect extends Analyze<Integer, Double> {
        Detect() {
            super("detect");
        }

        @Override
        protected void process(Integer item, Output<Double> out) {
            out.next(item / 2.0);
        }
    }

    static void slowDown(Message<Speed> m, Output<List<String>> out) {
        out.next(List.of("slow " + m.value().kmh()));
    }

    @Test
    void typedLookupGivesTheElementWithoutACast() {
        Detect detect = loop.add(new Detect());

        Element<Integer, Double> typed = loop.element("detect", Integer.class, Double.class);
        Element<Integer, Number> wider = loop.element("detect", Integer.class, Number.class);

        assertThat(typed).isSameAs(detect).isSameAs(wider);
    }

    @Test
    void typedLookupRefusesTypesThatDoNotFitAndNamesBoth() {
        loop.add(new Detect());

        assertThatThrownBy(() -> loop.element("detect", String.class, Double.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("car.detect takes Integer and emits Double; asked for Element<String, Double>");
        assertThatThrownBy(() -> loop.element("detect", Integer.class, Integer.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("emits Double").hasMessageContaining("Element<Integer, Integer>");
        assertThatThrownBy(() -> loop.element("nope", Integer.class, Double.class))
                .isInstanceOf(PathNotFoundException.class).hasMessageContaining("detect");
    }

    @Test
    void typedLookupWithTypeRefsChecksTypeArguments() {
        loop.plan("policy", LoopTest::slowDown);

        Element<Message<Speed>, List<String>> policy =
                loop.element("policy", new TypeRef<Message<Speed>>() { }, new TypeRef<List<String>>() { });

        assertThat(policy.uid()).isEqualTo("policy");
        assertThatThrownBy(() -> loop.element("policy", new TypeRef<Message<String>>() { },
                new TypeRef<List<String>>() { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes Message<Speed> and emits List<String>")
                .hasMessageContaining("Element<Message<String>, List<String>>");
    }

    @Test
    void aMethodReferenceKeepsItsGenericParameterTypes() {
        Element<Message<Speed>, List<String>> policy = loop.plan("policy", LoopTest::slowDown);

        assertThat(policy.inputType()).isEqualTo(new TypeRef<Message<Speed>>() { }.type());
        assertThat(policy.outputType()).isEqualTo(new TypeRef<List<String>>() { }.type());
    }

    @Test
    void aBoundMethodReferenceAndACapturingLambdaReadTheRightParameter() {
        Speeds speeds = new Speeds();
        String prefix = "x";
        Element<Map<String, Speed>, Speed> bound = loop.analyze("bound", speeds::fastest);
        Element<Integer, String> capturing = loop.analyze("capturing",
                (Integer n, Output<String> out) -> out.next(prefix + n));

        assertThat(bound.inputType()).isEqualTo(new TypeRef<Map<String, Speed>>() { }.type());
        assertThat(bound.outputType()).isEqualTo(Speed.class);
        assertThat(capturing.inputType()).isEqualTo(Integer.class);
    }

    static final class Speeds {
        void fastest(Map<String, Speed> bySensor, Output<Speed> out) {
            bySensor.values().stream().max((a, b) -> Double.compare(a.kmh(), b.kmh())).ifPresent(out::next);
        }
    }

    /** javac (17 and 25) keeps no generic signature and no LocalVariableTypeTable for a lambda's parameters. */
    @Test
    void aLambdaIsSeenErasedSoItsWireItemsDecodeAsJsonsOwnTypes() {
        String prefix = "at ";
        Element<Message<Speed>, String> lambda = loop.plan("lambda",
                (Message<Speed> m, Output<String> out) -> out.next(prefix + m.value().kmh()));
        Element<long[], String> primitive = loop.plan("primitive", (long[] a, Output<String> out) -> { });

        assertThat(lambda.inputType()).isEqualTo(Message.class);
        assertThat(lambda.outputType()).isEqualTo(Object.class);
        assertThat(primitive.inputType()).isEqualTo(long[].class);
        assertThat(((Message<?>) app.codec().decodeItem(WIRE, lambda.inputType())).value()).isInstanceOf(Map.class);
    }

    @Test
    void aClassCastFromAnErasedInputNamesTheFix() {
        Element<Message<Speed>, Double> lambda = loop.plan("lambda",
                (Message<Speed> m, Output<Double> out) -> out.next(m.value().kmh()));
        Element<Object, Object> port = loop.element("lambda", Object.class, Object.class);
        TestObserver<Double> seen = lambda.test();

        String log = StdErr.during(() -> port.onNext(app.codec().decodeItem(WIRE, lambda.inputType())));

        seen.assertNoValues();
        assertThat(lambda.stats().errors()).isEqualTo(1);
        assertThat(log).contains("ClassCastException").contains("takes a Message whose type arguments javac does not keep")
                .contains("loop.plan(uid, new TypeRef<Message<...>>() {}, (item, out) -> ...)");
    }

    private static final byte[] WIRE = "{\"@type\":\"message\",\"value\":{\"kmh\":88.0}}".getBytes();

    @Test
    void aTypeRefGivesTheInputType() {
        Element<Message<Speed>, String> given = loop.plan("given", new TypeRef<Message<Speed>>() { },
                (m, out) -> out.next("" + m.value().kmh()));
        Element<Message<Speed>, String> givenWithSelf = loop.execute("self", new TypeRef<Message<Speed>>() { },
                (m, out, self) -> out.next(self.uid()));
        Element<Message<Speed>, String> givenAsync = loop.async(Kind.PLAN, "async",
                new TypeRef<Message<Speed>>() { }, (m, out) -> CompletableFuture.completedFuture(null));

        assertThat(((Message<?>) app.codec().decodeItem(WIRE, given.inputType())).value()).isEqualTo(new Speed(88));
        assertThat(givenWithSelf.inputType()).isEqualTo(given.inputType());
        assertThat(givenAsync.inputType()).isEqualTo(given.inputType());
    }

    @Test
    void linkByNameChecksTypesAndCanBeDisposed() {
        loop.add(new Detect());
        loop.plan("policy", (Double d, Output<String> out) -> out.next("at " + d));
        TestObserver<String> seen = loop.<Double, String>get("policy").test();

        Disposable link = loop.link("detect", "policy");
        loop.<Integer, Double>get("detect").onNext(3);
        link.dispose();
        loop.<Integer, Double>get("detect").onNext(5);

        seen.assertValues("at 1.5");
    }

    @Test
    void aLinkWhoseTypesDoNotFitIsRefusedNamingBoth() {
        loop.add(new Detect());
        loop.plan("words", (String s, Output<String> out) -> out.next(s));

        assertThatThrownBy(() -> loop.link("detect", "words"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot link car.detect to car.words: it emits Double, which is not the String that "
                        + "car.words takes");
        assertThatThrownBy(() -> loop.link("detect", "nope")).isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void aLinkAcrossLoopsByDotPath() {
        loop.add(new Detect());
        TestObserver<Object> seen = new TestObserver<>();
        app.loop("other").execute("log", (Object x, Output<Object> out) -> seen.onNext(x));

        loop.link("detect", "other.log");
        loop.<Integer, Double>get("detect").onNext(4);

        seen.assertValues(2.0);
    }
}
