package io.mape.test.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.mape.Element;
import io.mape.Level;
import io.mape.Loop;
import io.mape.Output;
import io.mape.test.Script;
import io.mape.test.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Each suite passes a small system that keeps its pattern, and fails, naming the property, one that does not. */
class PatternSuitesTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    /** The failures of running {@code suite}: test method name to message. */
    private static Map<String, String> failures(Class<?> suite) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite)).build(),
                summary);
        assertThat(summary.getSummary().getTestsFoundCount()).as(suite.getSimpleName()).isPositive();
        Map<String, String> failed = new TreeMap<>();
        for (TestExecutionSummary.Failure f : summary.getSummary().getFailures()) {
            failed.put(f.getTestIdentifier().getLegacyReportingName().replaceAll("\\(.*", ""),
                    String.valueOf(f.getException().getMessage()));
        }
        return failed;
    }

    private static <T> Element<T, T> relay(Loop loop, String uid, io.mape.Kind kind) {
        return switch (kind) {
            case MONITOR -> loop.monitor(uid, (T item, Output<T> out) -> out.next(item));
            case ANALYZE -> loop.analyze(uid, (T item, Output<T> out) -> out.next(item));
            case PLAN -> loop.plan(uid, (T item, Output<T> out) -> out.next(item));
            case EXECUTE -> loop.execute(uid, (T item, Output<T> out) -> out.next(item));
        };
    }

    // ---------------------------------------------------------------- master/slave

    static MasterSlaveConformance.Setup masterSlave(TestApp t, boolean linkSecond) {
        Loop master = t.loop("master");
        Element<Integer, Integer> avg = relay(master, "avg", io.mape.Kind.ANALYZE);
        Element<Integer, Integer> decide = relay(master, "decide", io.mape.Kind.PLAN);
        avg.link(decide);
        List<MasterSlaveConformance.Slave> slaves = new ArrayList<>();
        for (String name : List.of("s1", "s2")) {
            Loop loop = t.loop(name);
            Element<Integer, Integer> mon = t.sensor(loop, "mon", Script.every(SECOND, at -> 1));
            if (linkSecond || name.equals("s1")) {
                mon.link(avg);
            }
            decide.link(relay(loop, "exec", io.mape.Kind.EXECUTE));
            slaves.add(new MasterSlaveConformance.Slave(loop));
        }
        return new MasterSlaveConformance.Setup(avg, slaves, Duration.ofSeconds(5));
    }

    static class GoodMasterSlave extends MasterSlaveConformance {
        @Override
        protected Setup setUp(TestApp t) {
            return masterSlave(t, true);
        }
    }

    static class UnlinkedSlave extends MasterSlaveConformance {
        @Override
        protected Setup setUp(TestApp t) {
            return masterSlave(t, false);
        }
    }

    @Test
    void masterSlaveFailsWhenASlavesSamplesDoNotReachTheMaster() {
        assertThat(failures(GoodMasterSlave.class)).isEmpty();
        assertThat(failures(UnlinkedSlave.class)).containsOnlyKeys("everySlavesSamplesReachTheMastersAnalyzer")
                .containsValue("slave s2 sent 5 samples and the master's analyzer master.avg took 0");
    }

    // ---------------------------------------------------------------- regional planning

    static RegionalPlanningConformance.Setup regions(TestApp t, boolean crossed) {
        List<RegionalPlanningConformance.Region> regions = new ArrayList<>();
        List<Element<Integer, Integer>> planners = new ArrayList<>();
        List<Element<Integer, Integer>> executes = new ArrayList<>();
        List<Element<Integer, Integer>> monitors = new ArrayList<>();
        for (String name : List.of("north", "south")) {
            Loop loop = t.loop(name);
            Element<Integer, Integer> mon = relay(loop, "mon", io.mape.Kind.MONITOR);
            mon.start();
            Element<Integer, Integer> plan = relay(loop, "plan", io.mape.Kind.PLAN);
            mon.link(plan);
            monitors.add(mon);
            planners.add(plan);
            executes.add(relay(loop, "exec", io.mape.Kind.EXECUTE));
        }
        planners.get(0).link(executes.get(0));
        planners.get(1).link(executes.get(crossed ? 0 : 1));
        for (int i = 0; i < 2; i++) {
            Element<Integer, Integer> mon = monitors.get(i);
            regions.add(new RegionalPlanningConformance.Region(mon.loop().uid(), planners.get(i),
                    List.of(executes.get(i)), () -> mon.onNext(1)));
        }
        return new RegionalPlanningConformance.Setup(regions, SECOND);
    }

    static class GoodRegions extends RegionalPlanningConformance {
        @Override
        protected Setup setUp(TestApp t) {
            return regions(t, false);
        }
    }

    static class CrossedRegions extends RegionalPlanningConformance {
        @Override
        protected Setup setUp(TestApp t) {
            return regions(t, true);
        }
    }

    @Test
    void regionalPlanningFailsWhenARegionActsOnAnothersPlans() {
        assertThat(failures(GoodRegions.class)).isEmpty();
        assertThat(failures(CrossedRegions.class)).containsOnlyKeys("aChangeInARegionIsPlannedAndActedOnThere")
                .containsValue("a change in south: region north acted 1 times while its planner did not plan");
    }

    // ---------------------------------------------------------------- hierarchical

    static HierarchicalControlConformance.Setup levels(TestApp t, boolean steer) {
        Level upper = t.app().level("upper");
        Level lower = t.app().level("lower");
        Loop manager = upper.loop("manager");
        Loop worker = lower.loop("worker");
        Element<Integer, Integer> plan = relay(manager, "plan", io.mape.Kind.PLAN);
        t.sensor(manager, "mon", Script.every(SECOND, at -> 1)).link(plan);
        Element<Integer, Integer> exec = relay(worker, "exec", io.mape.Kind.EXECUTE);
        t.sensor(worker, "mon", Script.every(SECOND, at -> 2)).link(exec);
        if (steer) {
            plan.link(exec);
        } else {
            plan.subscribe();
        }
        return new HierarchicalControlConformance.Setup(upper, lower, Duration.ofSeconds(5));
    }

    static class GoodLevels extends HierarchicalControlConformance {
        @Override
        protected Setup setUp(TestApp t) {
            return levels(t, true);
        }
    }

    static class DetachedLevels extends HierarchicalControlConformance {
        @Override
        protected Setup setUp(TestApp t) {
            return levels(t, false);
        }
    }

    @Test
    void hierarchicalControlFailsWhenTheUpperLevelDoesNotSteer() {
        assertThat(failures(GoodLevels.class)).isEmpty();
        assertThat(failures(DetachedLevels.class)).containsOnlyKeys("theUpperLevelSteersTheLowerOne");
    }

    // ---------------------------------------------------------------- coordinated control and information sharing

    /** How the parts' loops talk. */
    enum Talk { NOT, PLANNERS, MONITORS, PLANS }

    static List<Part> parts(TestApp t, Talk talk) {
        List<Map<io.mape.Kind, Element<Integer, Integer>>> all = new ArrayList<>();
        for (String name : List.of("p1", "p2")) {
            Loop loop = t.loop(name);
            Map<io.mape.Kind, Element<Integer, Integer>> stages = new java.util.EnumMap<>(io.mape.Kind.class);
            for (io.mape.Kind k : io.mape.Kind.values()) {
                stages.put(k, relay(loop, k.name().toLowerCase(java.util.Locale.ROOT), k));
            }
            stages.get(io.mape.Kind.MONITOR).link(stages.get(io.mape.Kind.ANALYZE));
            stages.get(io.mape.Kind.ANALYZE).link(stages.get(io.mape.Kind.PLAN));
            stages.get(io.mape.Kind.PLAN).link(stages.get(io.mape.Kind.EXECUTE));
            stages.get(io.mape.Kind.MONITOR).start();
            all.add(stages);
        }
        for (int i = 0; i < 2; i++) {
            Map<io.mape.Kind, Element<Integer, Integer>> here = all.get(i);
            Map<io.mape.Kind, Element<Integer, Integer>> there = all.get(1 - i);
            switch (talk) {
                case PLANNERS -> here.get(io.mape.Kind.ANALYZE).link(there.get(io.mape.Kind.PLAN));
                case MONITORS -> here.get(io.mape.Kind.MONITOR).link(there.get(io.mape.Kind.ANALYZE));
                case PLANS -> here.get(io.mape.Kind.PLAN).link(there.get(io.mape.Kind.EXECUTE));
                case NOT -> { }
            }
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<io.mape.Kind, Element<Integer, Integer>> stages = all.get(i);
            parts.add(new Part("p" + (i + 1), List.copyOf(stages.values()),
                    () -> stages.get(io.mape.Kind.MONITOR).onNext(1), List.of("p" + (2 - i))));
        }
        return parts;
    }

    static class CoordinatedPlanners extends CoordinatedControlConformance {
        @Override
        protected List<Part> setUp(TestApp t) {
            return parts(t, Talk.PLANNERS);
        }

        @Override
        protected Duration run() {
            return SECOND;
        }
    }

    static class SilentParts extends CoordinatedControlConformance {
        @Override
        protected List<Part> setUp(TestApp t) {
            return parts(t, Talk.NOT);
        }

        @Override
        protected Duration run() {
            return SECOND;
        }
    }

    static class SharingMonitors extends InformationSharingConformance {
        @Override
        protected List<Part> setUp(TestApp t) {
            return parts(t, Talk.MONITORS);
        }

        @Override
        protected Duration run() {
            return SECOND;
        }
    }

    static class SharingPlans extends InformationSharingConformance {
        @Override
        protected List<Part> setUp(TestApp t) {
            return parts(t, Talk.PLANS);
        }

        @Override
        protected Duration run() {
            return SECOND;
        }
    }

    @Test
    void coordinatedControlFailsWhenThePartsDoNotTalk() {
        assertThat(failures(CoordinatedPlanners.class)).isEmpty();
        assertThat(failures(SilentParts.class)).containsOnlyKeys("whatAPartSeesReachesThePartsItTalksTo")
                .hasValueSatisfying(new org.assertj.core.api.Condition<>(
                        m -> m.startsWith("what part p1 saw did not reach part p2"), "names the parts"));
    }

    @Test
    void informationSharingFailsWhenPartsSharePlansNotWhatTheySee() {
        assertThat(failures(SharingMonitors.class)).isEmpty();
        assertThat(failures(SharingPlans.class)).containsOnlyKeys("eachPartDecidesAlone");
    }
}
