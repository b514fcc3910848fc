package io.mape;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.annotation.CallableMethod;
import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ElementTest {

    private final App app = App.create(MapeConfig.defaults());
    private final Loop loop = app.loop("car");

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void processesEachItemAndEmitsWhatTheFunctionEmits() {
        Element<Integer, Integer> twice = loop.plan("twice", (Integer x, Output<Integer> out) -> {
            out.next(x);
            out.next(x * 10);
        });
        TestObserver<Integer> seen = twice.test();

        twice.onNext(1);
        twice.onNext(2);

        seen.assertValues(1, 10, 2, 20);
        assertThat(twice.stats()).isEqualTo(new ElementStats(2, 4, 2, 0, 0, java.util.Map.of(), 0, 0, 0, null));
    }

    @Test
    void defaultProcessPassesItemsThrough() {
        Element<String, String> relay = loop.add(new Analyze<String, String>("relay") { });
        TestObserver<String> seen = relay.test();

        relay.onNext("a");

        seen.assertValues("a");
    }

    @Test
    void startBehavioursFollowTheKind() {
        Element<Object, Object> m = loop.monitor("m", (Object x, Output<Object> o) -> o.next(x));
        Element<Object, Object> a = loop.analyze("a", (Object x, Output<Object> o) -> o.next(x));
        Element<Object, Object> p = loop.plan("p", (Object x, Output<Object> o) -> o.next(x));
        Element<Object, Object> e = loop.execute("e", (Object x, Output<Object> o) -> o.next(x));

        assertThat(m.isRunning()).as("monitor: manual").isFalse();
        assertThat(a.isRunning()).as("analyze: on subscribe").isFalse();
        assertThat(p.isRunning()).as("plan: on subscribe").isFalse();
        assertThat(e.isRunning()).as("execute: on creation").isTrue();

        m.subscribe(a);
        assertThat(a.isRunning()).isFalse();
        a.test();
        p.test();
        m.test();
        assertThat(a.isRunning()).isTrue();
        assertThat(p.isRunning()).isTrue();
        assertThat(m.isRunning()).as("a subscriber does not start a monitor").isFalse();
        m.start();
        assertThat(m.isRunning()).isTrue();
        assertThat(m.kind().startBehaviour()).isEqualTo(Kind.StartBehaviour.MANUAL);
    }

    @Test
    void stoppedElementDropsAndCountsWhatArrives() {
        Element<Integer, Integer> m = loop.monitor("m", (Integer x, Output<Integer> o) -> o.next(x));
        TestObserver<Integer> seen = m.test();

        m.onNext(1);
        m.start();
        m.onNext(2);
        m.stop();
        m.onNext(3);

        seen.assertValues(2);
        assertThat(m.stats().dropped()).isEqualTo(2);
        assertThat(m.stats().itemsIn()).isEqualTo(3);
    }

    @Test
    void anExceptionInUserCodeIsCountedAndTheElementGoesOn() {
        Element<Integer, Integer> fragile = loop.execute("fragile", (Integer x, Output<Integer> o) -> {
            if (x == 2) {
                throw new IllegalStateException("boom on " + x);
            }
            o.next(x);
        });
        TestObserver<Integer> seen = fragile.test();

        fragile.onNext(1);
        fragile.onNext(2);
        fragile.onNext(3);

        seen.assertValues(1, 3).assertNotComplete().assertNoErrors();
        assertThat(fragile.stats().errors()).isEqualTo(1);
    }

    @Test
    void propagateErrorsSendsTheErrorDownstream() {
        Element<Integer, Integer> strict = loop.execute("strict", (Integer x, Output<Integer> o) -> {
            throw new IllegalStateException("boom");
        }).propagateErrors(true);
        TestObserver<Integer> seen = strict.test();

        strict.onNext(1);

        seen.assertError(IllegalStateException.class);
    }

    @Test
    void sourceErrorsAndCompletionsDoNotEndAnElementFedByOthers() {
        Element<Integer, Integer> sink = loop.execute("sink", (Integer x, Output<Integer> o) -> o.next(x));
        TestObserver<Integer> seen = sink.test();

        Observable.<Integer>error(new IllegalStateException("source died")).subscribe(sink);
        Observable.just(1, 2).subscribe(sink);
        sink.onNext(3);

        seen.assertValues(1, 2, 3).assertNotComplete().assertNoErrors();
        assertThat(sink.stats().errors()).isEqualTo(1);
    }

    @Test
    void nullPushedOrEmittedIsAnErrorNotACrash() {
        Element<Integer, Integer> e = loop.execute("e", (Integer x, Output<Integer> o) -> o.next(x == 0 ? null : x));
        TestObserver<Integer> seen = e.test();

        e.onNext(null);
        e.onNext(0);
        e.onNext(1);

        seen.assertValues(1);
        assertThat(e.stats().errors()).isEqualTo(2);
    }

    @Test
    void linkAndUnlinkAtRuntime() {
        Element<Integer, Integer> src = loop.execute("src", (Integer x, Output<Integer> o) -> o.next(x));
        List<Integer> got = new ArrayList<>();
        Element<Integer, Void> dst = loop.execute("dst", (Integer x, Output<Void> o) -> got.add(x));

        Disposable link = src.link(dst);
        src.onNext(1);
        link.dispose();
        src.onNext(2);
        Disposable again = src.link(dst);
        src.onNext(3);

        assertThat(got).containsExactly(1, 3);
        assertThat(link.isDisposed()).isTrue();
        assertThat(again.isDisposed()).isFalse();
        assertThat(src.subscriberCount()).isEqualTo(1);
    }

    @Test
    void opsInAndOpsOutSurroundTheFunction() {
        Element<Integer, Integer> e = loop.execute("e", (Integer x, Output<Integer> o) -> o.next(x * 2))
                .opsIn(up -> up.filter(x -> x > 0))
                .opsOut(Observable::distinctUntilChanged);
        TestObserver<Integer> seen = e.test();

        for (int x : new int[] {-1, 1, 1, 2, 0, 2, 3}) {
            e.onNext(x);
        }

        seen.assertValues(2, 4, 6);
        assertThat(e.stats().itemsOut()).isEqualTo(3);
    }

    @Test
    void aFailingOperatorIsRebuiltAndTheElementGoesOn() {
        Element<Integer, Integer> e = loop.execute("e", (Integer x, Output<Integer> o) -> o.next(x))
                .opsIn(up -> up.map(x -> 10 / x));
        TestObserver<Integer> seen = e.test();

        e.onNext(5);
        e.onNext(0);
        e.onNext(2);

        seen.assertValues(2, 5).assertNoErrors();
        assertThat(e.stats().errors()).isEqualTo(1);
    }

    @Test
    void messagesCountHopsKeepTheirTraceAndGetTheirSource() {
        Element<Message<Integer>, Message<Integer>> a = loop.execute("a",
                (Message<Integer> m, Output<Message<Integer>> o) -> o.next(m.derive(m.value() + 1)));
        Element<Message<Integer>, Message<Integer>> b = loop.execute("b",
                (Message<Integer> m, Output<Message<Integer>> o) -> o.next(m));
        a.link(b);
        TestObserver<Message<Integer>> seen = b.test();
        Message<Integer> first = Message.of(1);

        a.onNext(first);

        Message<Integer> out = seen.values().get(0);
        assertThat(out.value()).isEqualTo(2);
        assertThat(out.hops()).isEqualTo(2);
        assertThat(out.traceId()).isEqualTo(first.traceId());
        assertThat(out.src()).as("stamped by the first element that emitted it").isEqualTo("car.a");
        Element<Integer, Message<Integer>> wrap = loop.execute("wrap",
                (Integer x, Output<Message<Integer>> o) -> o.next(Message.of(x)));
        TestObserver<Message<Integer>> wrapped = wrap.test();
        wrap.onNext(7);
        assertThat(wrapped.values().get(0).src()).isEqualTo("car.wrap");
    }

    static final class Pid extends Plan<Double, Double> {
        double kp = 1.0;
        int secret;

        Pid() {
            super("pid");
        }

        @Override
        protected void process(Double error, Output<Double> out) {
            out.next(kp * error);
        }

        @CallableMethod
        void setKp(double kp) {
            this.kp = kp;
        }

        void setSecret(int s) {
            this.secret = s;
        }
    }

    @Test
    void callMethodRunsOnlyCallableMethods() {
        Pid pid = loop.add(new Pid());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Element<Object, Double> port = (Element) pid;
        TestObserver<Double> seen = pid.test();

        port.onNext(CallMethod.of("setKp", 2));
        port.onNext(3.0);
        port.onNext(CallMethod.of("setSecret", 42));
        port.onNext(CallMethod.of("setKp", "not a number"));
        port.onNext(CallMethod.of("nothing"));

        seen.assertValues(6.0);
        assertThat(pid.kp).isEqualTo(2.0);
        assertThat(pid.secret).isZero();
        assertThat(pid.stats().refusedCalls()).isEqualTo(3);
        assertThat(pid.inputType()).isEqualTo(Double.class);
    }

    static final class OnlyChanges extends Execute<String, String> {
        OnlyChanges() {
            super("only_changes");
            opsIn(Observable::distinctUntilChanged);
            opsOut(up -> up.map(String::toUpperCase));
        }

        @Override
        protected void process(String item, Output<String> out) {
            out.next(item + "!");
        }
    }

    @Test
    void aSubclassSetsItsOperatorsAtDefinition() {
        OnlyChanges e = loop.add(new OnlyChanges());
        TestObserver<String> seen = e.test();

        e.onNext("a");
        e.onNext("a");
        e.onNext("b");

        seen.assertValues("A!", "B!");
        assertThat(e.inputType()).isEqualTo(String.class);
    }

    @Test
    void removedElementStopsAndItsLinksEnd() {
        Element<Integer, Integer> src = loop.execute("src", (Integer x, Output<Integer> o) -> o.next(x));
        Element<Integer, Integer> dst = loop.execute("dst", (Integer x, Output<Integer> o) -> o.next(x));
        Disposable link = src.link(dst);
        TestObserver<Integer> seen = dst.test();

        assertThat(loop.remove("dst")).isTrue();
        src.onNext(1);

        seen.assertNoValues().assertComplete();
        assertThat(dst.isRunning()).isFalse();
        assertThat(dst.loop()).isNull();
        assertThat(link.isDisposed()).isTrue();
        assertThat(src.subscriberCount()).isZero();
    }

    @Test
    void propertiesAndSelfAreReachableFromTheFunction() {
        Element<Integer, String> e = loop.execute("e", (Integer x, Output<String> o, Element<Integer, String> self) -> {
            int seen = self.<Integer>property("count") + 1;
            self.property("count", seen);
            o.next(self.path() + "#" + seen);
        });
        e.property("count", 0);
        TestObserver<String> seen = e.test();

        e.onNext(1);
        e.onNext(1);

        seen.assertValues("car.e#1", "car.e#2");
        assertThat(e.loop()).isSameAs(loop);
        assertThat(e.app()).isSameAs(app);
    }

    @Test
    void portOutPushesPastTheFunction() {
        Element<Integer, Integer> e = loop.execute("e", (Integer x, Output<Integer> o) -> o.next(x * 100))
                .propagateTermination(true);
        TestObserver<Integer> seen = e.test();

        e.portOut().onNext(7);
        e.portOut().onComplete();

        seen.assertValues(7).assertComplete();
    }

    @Test
    void portOutReachesSubscribersWhileStoppedAndRunsOnTheElementsScheduler() {
        Element<Integer, String> e = loop.monitor("m", (Integer x, Output<String> o) -> o.next("processed " + x))
                .scheduler(io.reactivex.rxjava3.schedulers.Schedulers.single());
        List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        e.subscribe(x -> got.add(x + " on " + Thread.currentThread().getName().startsWith("RxSingle")));

        e.portOut().onNext("while stopped");
        e.start();
        e.onNext(1);
        e.portOut().onNext("while running");

        org.awaitility.Awaitility.await().until(() -> got.size() == 3);
        assertThat(got).containsExactly("while stopped on false", "processed 1 on true", "while running on true");
    }

    @Test
    void aThrowingSubscriberDoesNotStopTheOthers() {
        Element<Integer, Integer> e = loop.execute("e", (Integer x, Output<Integer> o) -> o.next(x));
        List<Integer> got = new ArrayList<>();
        e.subscribe(new io.reactivex.rxjava3.core.Observer<Integer>() {
            @Override
            public void onSubscribe(Disposable d) {
            }

            @Override
            public void onNext(Integer x) {
                throw new IllegalStateException("bad subscriber");
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        e.subscribe(got::add);

        e.onNext(1);
        e.onNext(2);

        assertThat(got).containsExactly(1, 2);
    }

    @Test
    void lambdaParameterTypeBecomesTheInputType() {
        Element<Boolean, Boolean> typed = loop.monitor("typed", (Boolean b, Output<Boolean> o) -> o.next(b));
        Element<Object, Object> open = loop.monitor("open", (x, o) -> o.next(x));
        Element<Integer, Integer> explicit = loop.monitor("explicit", (Integer x, Output<Integer> o) -> { })
                .inputType(Long.class);

        assertThat(typed.inputType()).isEqualTo(Boolean.class);
        assertThat(open.inputType()).isEqualTo(Object.class);
        assertThat(explicit.inputType()).isEqualTo(Long.class);
    }

    @Test
    void feedbackCycleOnOneThreadDoesNotRecurse() {
        List<Integer> got = new ArrayList<>();
        Element<Integer, Integer> e = loop.execute("e", (Integer x, Output<Integer> o) -> {
            got.add(x);
            if (x < 10_000) {
                o.next(x + 1);
            }
        });
        e.link(e);

        e.onNext(0);

        assertThat(got).hasSize(10_001).endsWith(10_000);
    }
}
