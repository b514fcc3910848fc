package io.mape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.config.MapeConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppTest {

    private final App app = App.create(MapeConfig.defaults());

    @AfterEach
    void close() {
        app.close();
    }

    private static Element<Object, Object> pass(Loop loop, String uid) {
        return loop.execute(uid, (Object x, Output<Object> o) -> o.next(x));
    }

    @Test
    void looksUpByDotPath() {
        Loop ambulance = app.loop("ambulance");
        Element<Object, Object> detect = pass(ambulance, "detect");
        Level upper = app.level("upper");
        Loop hold = upper.loop("hold_distance");
        Element<Object, Object> pid = pass(hold, "pid");

        assertThat(app.<Loop>get("ambulance")).isSameAs(ambulance);
        assertThat(app.<Element<?, ?>>get("ambulance.detect")).isSameAs(detect);
        assertThat(app.<Level>get("upper")).isSameAs(upper);
        assertThat(app.<Loop>get("upper.hold_distance")).isSameAs(hold);
        assertThat(app.<Element<?, ?>>get("upper.hold_distance.pid")).isSameAs(pid);
        assertThat(app.<Element<?, ?>>get("hold_distance.pid")).isSameAs(pid);
        assertThat(detect.path()).isEqualTo("ambulance.detect");
        assertThat(hold.level()).contains(upper);
        assertThat(ambulance.level()).isEmpty();
    }

    @Test
    void aWrongPathSaysWhatIsMissingAndWhatExists() {
        pass(app.loop("ambulance"), "detect");
        app.level("upper").loop("hold");

        assertThatThrownBy(() -> app.get("ambulanze.detect"))
                .isInstanceOf(PathNotFoundException.class)
                .hasMessageContaining("'ambulanze'").hasMessageContaining("ambulance");
        assertThatThrownBy(() -> app.get("ambulance.detekt"))
                .isInstanceOf(PathNotFoundException.class)
                .hasMessageContaining("no element 'detekt' in loop 'ambulance'").hasMessageContaining("detect");
        assertThatThrownBy(() -> app.get("upper.nope.x")).hasMessageContaining("no loop 'nope' in level 'upper'");
        assertThatThrownBy(() -> app.get("ambulance.detect.x")).hasMessageContaining("is a loop");
        assertThatThrownBy(() -> app.get("a.b.c.d")).hasMessageContaining("4 parts");
        assertThat(app.find("ambulance.nope")).isEmpty();
    }

    @Test
    void uidsAreUniquePerScopeAndAClashNamesBoth() {
        Loop loop = app.loop("car");
        pass(loop, "speed");
        pass(app.loop("other"), "speed");

        assertThatThrownBy(() -> loop.plan("speed", (Object x, Output<Object> o) -> { }))
                .isInstanceOf(UidClashException.class)
                .hasMessageContaining("uid 'speed' in loop 'car' is taken by execute car.speed")
                .hasMessageContaining("cannot add plan 'speed'");
        assertThatThrownBy(() -> app.level("car"))
                .isInstanceOf(UidClashException.class)
                .hasMessageContaining("taken by loop car").hasMessageContaining("level 'car'");
        assertThatThrownBy(() -> app.loop("bad.name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bad.name'");
    }

    @Test
    void loopAndLevelGetOrCreate() {
        Loop car = app.loop("car_a");
        Level upper = app.level("upper");
        Loop hold = upper.loop("hold");

        assertThat(app.loop("car_a")).isSameAs(car);
        assertThat(app.level("upper")).isSameAs(upper);
        assertThat(upper.loop("hold")).isSameAs(hold);
        assertThat(app.loops()).containsExactly(car, hold);
        assertThat(app.loop(null)).isNotSameAs(app.loop(null));
    }

    @Test
    void getOrCreateStillRefusesAUidHeldByAnotherKindOrLevel() {
        app.level("upper").loop("hold");
        app.loop("car");
        Level other = app.level("other");

        assertThatThrownBy(() -> app.loop("upper"))
                .isInstanceOf(UidClashException.class).hasMessageContaining("taken by level upper");
        assertThatThrownBy(() -> app.level("car"))
                .isInstanceOf(UidClashException.class).hasMessageContaining("taken by loop car");
        assertThatThrownBy(() -> app.loop("hold"))
                .isInstanceOf(UidClashException.class).hasMessageContaining("taken by loop hold")
                .hasMessageContaining("cannot add loop 'hold' in no level");
        assertThatThrownBy(() -> other.loop("hold"))
                .isInstanceOf(UidClashException.class).hasMessageContaining("cannot add loop 'hold' in level 'other'");
        assertThatThrownBy(() -> other.loop("car"))
                .isInstanceOf(UidClashException.class).hasMessageContaining("taken by loop car");
    }

    @Test
    void typedLookupByPathChecksTheDeclaredTypes() {
        Loop loop = app.level("upper").loop("hold");
        loop.plan("pid", (Double error, Output<Integer> out) -> out.next((int) Math.round(error)));

        Element<Double, Object> pid = app.element("upper.hold.pid", Double.class, Object.class);
        assertThat(app.element("hold.pid", Double.class, Object.class)).isSameAs(pid);
        assertThatThrownBy(() -> app.element("hold.pid", String.class, Object.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hold.pid takes Double").hasMessageContaining("Element<String, Object>");
        assertThatThrownBy(() -> app.element("upper.hold", Double.class, Object.class))
                .isInstanceOf(PathNotFoundException.class).hasMessageContaining("not an element");
    }

    @Test
    void automaticUidsWhenNoneIsGiven() {
        Loop loop = app.loop(null);
        Element<Object, Object> p1 = loop.plan(null, (Object x, Output<Object> o) -> { });
        Element<Object, Object> p2 = loop.plan(null, (Object x, Output<Object> o) -> { });
        Element<?, ?> sub = loop.add(new Counter());
        Element<?, ?> sub2 = loop.add(new Counter());

        assertThat(loop.uid()).isEqualTo("loop");
        assertThat(app.loop(null).uid()).isEqualTo("loop_2");
        assertThat(p1.uid()).isEqualTo("plan");
        assertThat(p2.uid()).isEqualTo("plan_2");
        assertThat(sub.uid()).isEqualTo("Counter");
        assertThat(sub2.uid()).isEqualTo("Counter_2");
    }

    static final class Counter extends Execute<Object, Object> {
    }

    @Test
    void iteratesLoopsAndElementsInCreationOrder() {
        Loop a = app.loop("a");
        Loop b = app.level("lvl").loop("b");
        pass(a, "x");
        pass(a, "y");

        List<String> loops = new ArrayList<>();
        for (Loop l : app) {
            loops.add(l.uid());
        }
        List<String> elements = new ArrayList<>();
        for (Element<?, ?> e : a) {
            elements.add(e.uid());
        }

        assertThat(loops).containsExactly("a", "b");
        assertThat(elements).containsExactly("x", "y");
        assertThat(app.levels()).extracting(Level::uid).containsExactly("lvl");
        assertThat(app.<Level>get("lvl").loops()).containsExactly(b);
    }

    @Test
    void loopsAndElementsAreAddedAndRemovedAtRuntime() {
        Loop loop = app.loop("car");
        pass(loop, "x");

        assertThat(app.remove("car.x")).isTrue();
        assertThat(loop.find("x")).isEmpty();
        pass(loop, "x");
        assertThat(app.remove("car")).isTrue();
        assertThat(app.find("car")).isEmpty();
        assertThat(app.remove("car")).isFalse();
        assertThat(app.loop("car").elements()).isEmpty();
        Level lvl = app.level("lvl");
        lvl.loop("inner");
        assertThat(app.remove("lvl")).isTrue();
        assertThat(app.find("inner")).isEmpty();
    }

    @Test
    void closeStopsElementsAndClosesResourcesLastInFirstOut() {
        Element<Object, Object> e = pass(app.loop("car"), "x");
        List<String> closed = new ArrayList<>();
        app.manage(() -> closed.add("first"));
        app.manage(() -> closed.add("second"));
        app.manage(() -> {
            throw new IllegalStateException("a resource that fails to close does not stop the others");
        });

        app.close();
        app.close();

        assertThat(e.isRunning()).isFalse();
        assertThat(closed).containsExactly("second", "first");
        assertThat(app.isClosed()).isTrue();
        assertThatThrownBy(() -> app.loop("late")).hasMessageContaining("closed");
    }

    @Test
    void aKnowledgeFactoryThatFailsClosesWhatItOpened() {
        List<String> closed = new ArrayList<>();

        assertThatThrownBy(() -> App.builder().config(MapeConfig.defaults()).knowledge(a -> {
            a.manage(() -> closed.add("connection"));
            throw new IllegalStateException("no server");
        }).build()).hasMessage("no server");

        assertThat(closed).containsExactly("connection");
    }

    @Test
    void anElementBelongsToOneLoop() {
        Counter c = app.loop("a").add(new Counter());
        assertThatThrownBy(() -> app.loop("b").add(c)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already in a loop");
    }

    @Test
    void loopStartsAndStopsAllItsElements() {
        Loop loop = app.loop("m");
        Element<Object, Object> m1 = loop.monitor("m1", (Object x, Output<Object> o) -> { });
        Element<Object, Object> m2 = loop.monitor("m2", (Object x, Output<Object> o) -> { });

        loop.start();
        assertThat(m1.isRunning() && m2.isRunning()).isTrue();
        loop.stop();
        assertThat(m1.isRunning() || m2.isRunning()).isFalse();
    }

    @Test
    void aComponentIsMadeOncePerAppAndClosesWithIt() {
        List<String> closed = new ArrayList<>();
        AutoCloseable first = app.component(AutoCloseable.class, a -> () -> closed.add("component"));
        AutoCloseable again = app.component(AutoCloseable.class, a -> {
            throw new AssertionError("made twice");
        });

        assertThat(again).isSameAs(first);
        assertThat(app.component(AutoCloseable.class)).containsSame(first);
        assertThat(app.component(String.class)).isEmpty();
        app.close();
        assertThat(closed).containsExactly("component");
        assertThatThrownBy(() -> app.component(String.class, a -> "late"))
                .isInstanceOf(IllegalStateException.class);
    }
}
