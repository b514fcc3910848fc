package io.mape.test.patterns;

import io.mape.Element;
import io.mape.Kind;
import io.mape.Loop;
import io.mape.test.MapeExtension;
import io.mape.test.Probe;
import io.mape.test.TestApp;
import io.mape.test.internal.Census;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Master/slave: one central loop analyzes and plans; each slave only monitors and executes. Extend it and build the
 * system in {@link #setUp(TestApp)}; the properties checked:
 *
 * <ul>
 *   <li>the slaves only monitor and execute, and the analyzer is the master's;</li>
 *   <li>every slave's samples reach the master's analyzer: with only that slave's monitors running, the analyzer
 *       takes exactly what they emit, and they emit something within {@link Setup#run()};</li>
 *   <li>the master's decisions reach the slaves, and nothing is lost on the way.</li>
 * </ul>
 */
@ExtendWith(MapeExtension.class)
public abstract class MasterSlaveConformance {

    /** One slave: a loop of monitors and executes. */
    public record Slave(Loop loop) {
        public Slave {
            Objects.requireNonNull(loop, "loop");
        }

        List<Element<?, ?>> of(Kind kind) {
            return loop.elements().stream().filter(e -> e.kind() == kind).toList();
        }
    }

    /**
     * Where the system's parts are.
     *
     * @param analyzer the master's analyzer, where the slaves' samples go
     * @param slaves   every slave
     * @param run      how long, in virtual time, the system needs to sample each slave and reach a decision
     */
    public record Setup(Element<?, ?> analyzer, List<Slave> slaves, Duration run) {
        public Setup {
            Objects.requireNonNull(analyzer, "analyzer");
            slaves = List.copyOf(slaves);
            Objects.requireNonNull(run, "run");
        }
    }

    /**
     * Builds the system in {@code t}'s App (or in Apps of its own that {@code t} {@link TestApp#manage manages}),
     * with {@code t.clock()} as its clock, and says where its parts are. Called once per test (and per slave).
     */
    protected abstract Setup setUp(TestApp t);

    @Test
    void theSlavesOnlyMonitorAndExecute(TestApp t) {
        Setup s = setUp(t);
        Census.assertKind("the master's analyzer", s.analyzer(), Kind.ANALYZE);
        if (s.slaves().isEmpty()) {
            throw new AssertionError("a master/slave system has slaves; none given");
        }
        for (Slave slave : s.slaves()) {
            if (slave.loop() == s.analyzer().loop()) {
                throw new AssertionError("slave " + slave.loop().uid() + " holds the master's analyzer");
            }
            for (Element<?, ?> e : slave.loop().elements()) {
                if (e.kind() != Kind.MONITOR && e.kind() != Kind.EXECUTE) {
                    throw new AssertionError("slave " + slave.loop().uid() + " has the " + e.kind() + " " + e.path()
                            + ": a slave only monitors and executes");
                }
            }
            if (slave.of(Kind.MONITOR).isEmpty() || slave.of(Kind.EXECUTE).isEmpty()) {
                throw new AssertionError("slave " + slave.loop().uid() + " has no monitor or no execute");
            }
        }
    }

    @Test
    void everySlavesSamplesReachTheMastersAnalyzer() {
        int slaves;
        try (TestApp counting = TestApp.create()) {
            slaves = setUp(counting).slaves().size();
        }
        for (int i = 0; i < slaves; i++) {
            try (TestApp t = TestApp.create()) {
                Setup s = setUp(t);
                Slave alone = s.slaves().get(i);
                s.slaves().stream().filter(o -> o != alone).flatMap(o -> o.of(Kind.MONITOR).stream())
                        .forEach(Element::stop);
                List<Probe<?>> probes = new ArrayList<>();
                alone.of(Kind.MONITOR).forEach(m -> probes.add(t.probe(m)));
                long before = s.analyzer().stats().itemsIn();

                t.advance(s.run());

                long sent = probes.stream().mapToLong(p -> p.values().size()).sum();
                long taken = s.analyzer().stats().itemsIn() - before;
                if (sent == 0) {
                    throw new AssertionError("slave " + alone.loop().uid() + " sent no sample within " + s.run());
                }
                if (taken != sent) {
                    throw new AssertionError("slave " + alone.loop().uid() + " sent " + sent + " samples and the "
                            + "master's analyzer " + s.analyzer().path() + " took " + taken);
                }
                Census.assertNothingLost("the master's analyzer", List.of(s.analyzer()));
            }
        }
    }

    @Test
    void theMastersDecisionsReachTheSlavesWithoutLoss(TestApp t) {
        Setup s = setUp(t);
        t.advance(s.run());

        List<Element<?, ?>> executes = s.slaves().stream().flatMap(sl -> sl.of(Kind.EXECUTE).stream()).toList();
        if (Census.itemsIn(executes) == 0) {
            throw new AssertionError("no decision reached a slave's execute within " + s.run());
        }
        List<Element<?, ?>> all = new ArrayList<>(s.analyzer().loop().elements());
        s.slaves().forEach(sl -> all.addAll(sl.loop().elements()));
        Census.assertNothingLost("the master and its slaves", all);
    }
}
