package io.mape.test.patterns;

import io.mape.Element;
import io.mape.Kind;
import io.mape.test.MapeExtension;
import io.mape.test.TestApp;
import io.mape.test.internal.Census;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Regional planning: local loops per region, one planner per region. Extend it and build the system in
 * {@link #setUp(TestApp)}; the properties checked:
 *
 * <ul>
 *   <li>each region has one planner of its own, and executes of its own;</li>
 *   <li>a change in a region is planned by that region's planner and acted on by that region's executes;</li>
 *   <li>a region whose planner did not plan does not act (no region executes another's plans);</li>
 *   <li>nothing is lost on the way.</li>
 * </ul>
 */
@ExtendWith(MapeExtension.class)
public abstract class RegionalPlanningConformance {

    /**
     * One region.
     *
     * @param name     for the messages
     * @param planner  the region's planner
     * @param executes where the region's plans are acted on
     * @param change   makes a change in the region that its planner must act on (e.g. cars entering it)
     */
    public record Region(String name, Element<?, ?> planner, List<Element<?, ?>> executes, Runnable change) {
        public Region {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(planner, "planner");
            executes = List.copyOf(executes);
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * Where the system's parts are.
     *
     * @param regions every region
     * @param run     how long, in virtual time, a change takes to be planned and acted on
     */
    public record Setup(List<Region> regions, Duration run) {
        public Setup {
            regions = List.copyOf(regions);
            Objects.requireNonNull(run, "run");
        }
    }

    /**
     * Builds the system with {@code t.clock()} as its clock, in {@code t}'s App or in Apps that {@code t}
     * {@link TestApp#manage manages}, and says where its regions are. Called once per test (and per region).
     */
    protected abstract Setup setUp(TestApp t);

    @Test
    void eachRegionHasAPlannerAndExecutesOfItsOwn(TestApp t) {
        Setup s = setUp(t);
        if (s.regions().size() < 2) {
            throw new AssertionError("regional planning has regions; " + s.regions().size() + " given");
        }
        Set<Element<?, ?>> seen = new HashSet<>();
        for (Region r : s.regions()) {
            Census.assertKind("the planner of " + r.name(), r.planner(), Kind.PLAN);
            if (r.executes().isEmpty()) {
                throw new AssertionError("region " + r.name() + " has no execute");
            }
            List<Element<?, ?>> own = new ArrayList<>(r.executes());
            own.add(r.planner());
            for (Element<?, ?> e : own) {
                Census.assertKind("an element of " + r.name(), e, e == r.planner() ? Kind.PLAN : Kind.EXECUTE);
                if (!seen.add(e)) {
                    throw new AssertionError(e.path() + " belongs to two regions");
                }
            }
        }
    }

    @Test
    void aChangeInARegionIsPlannedAndActedOnThere() {
        forEachRegion((s, r) -> {
            List<Region> all = s.regions();
            long[] planned = new long[all.size()];
            long[] acted = new long[all.size()];
            for (int i = 0; i < all.size(); i++) {
                planned[i] = all.get(i).planner().stats().processed();
                acted[i] = Census.itemsIn(all.get(i).executes());
            }
            r.change().run();
            return () -> {
                for (int i = 0; i < all.size(); i++) {
                    Region q = all.get(i);
                    long p = q.planner().stats().processed() - planned[i];
                    long a = Census.itemsIn(q.executes()) - acted[i];
                    if (q == r && (p == 0 || a == 0)) {
                        throw new AssertionError("a change in " + r.name() + ": its planner planned " + p
                                + " times and its executes acted " + a + " times within " + s.run());
                    }
                    if (p == 0 && a != 0) {
                        throw new AssertionError("a change in " + r.name() + ": region " + q.name() + " acted " + a
                                + " times while its planner did not plan");
                    }
                }
            };
        });
    }

    @Test
    void nothingIsLost() {
        forEachRegion((s, r) -> {
            r.change().run();
            return () -> {
                List<Element<?, ?>> all = new ArrayList<>();
                s.regions().forEach(q -> {
                    all.add(q.planner());
                    all.addAll(q.executes());
                });
                Census.assertNothingLost("after a change in " + r.name() + " the regions", all);
            };
        });
    }

    /** What a test does with one region of a fresh system: act now, then check after the run. */
    private interface PerRegion {
        Runnable act(Setup s, Region r);
    }

    private void forEachRegion(PerRegion test) {
        int regions;
        try (TestApp counting = TestApp.create()) {
            regions = setUp(counting).regions().size();
        }
        for (int i = 0; i < regions; i++) {
            try (TestApp t = TestApp.create()) {
                Setup s = setUp(t);
                t.advance(Duration.ZERO);
                Runnable check = test.act(s, s.regions().get(i));
                t.advance(s.run());
                check.run();
            }
        }
    }
}
