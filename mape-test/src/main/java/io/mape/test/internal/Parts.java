package io.mape.test.internal;

import io.mape.Element;
import io.mape.Kind;
import io.mape.test.TestApp;
import io.mape.test.patterns.Part;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** The checks shared by the suites of systems of parts that each run a whole loop. */
public final class Parts {

    private Parts() {
    }

    /** Fails unless there are two parts or more, each with a monitor, an analyzer, a planner and an executor. */
    public static void assertWholeLoops(List<Part> parts) {
        if (parts.size() < 2) {
            throw new AssertionError("the pattern has parts; " + parts.size() + " given");
        }
        for (Part p : parts) {
            Set<Kind> missing = EnumSet.allOf(Kind.class);
            missing.removeAll(Census.kinds(p.elements()));
            if (!missing.isEmpty()) {
                throw new AssertionError("part " + p.name() + " has no " + missing + ": each part runs a whole loop");
            }
            for (String r : p.reaches()) {
                if (parts.stream().noneMatch(q -> q.name().equals(r))) {
                    throw new AssertionError("part " + p.name() + " reaches '" + r + "', which is no part");
                }
            }
        }
    }

    /**
     * For each part of a fresh system: after a warm-up run, the monitors of every other part are stopped (so that
     * only this part sees anything) and {@code beforeBaseline} is done to the part; then one run without its
     * stimulus, and one with it. Each part it reaches must take in more items, beyond its monitors, in the second
     * run than in the first.
     */
    public static void assertStimuliReach(Function<TestApp, List<Part>> setUp, Duration run,
                                          Consumer<Part> beforeBaseline) {
        int count;
        try (TestApp counting = TestApp.create()) {
            count = setUp.apply(counting).size();
        }
        for (int i = 0; i < count; i++) {
            try (TestApp t = TestApp.create()) {
                List<Part> parts = setUp.apply(t);
                Part p = parts.get(i);
                t.advance(run);
                parts.stream().filter(q -> q != p).flatMap(q -> q.elements().stream())
                        .filter(e -> e.kind() == Kind.MONITOR).forEach(Element::stop);
                beforeBaseline.accept(p);
                Map<Part, Long> quiet = deltas(t, parts, p, run, () -> { });
                Map<Part, Long> heard = deltas(t, parts, p, run, p.stimulus());
                for (Part q : quiet.keySet()) {
                    if (heard.get(q) <= quiet.get(q)) {
                        throw new AssertionError("what part " + p.name() + " saw did not reach part " + q.name()
                                + ": with the other parts' monitors stopped, its analyzers, planners and executors "
                                + "took in " + heard.get(q) + " items in " + run + " after the stimulus, "
                                + quiet.get(q) + " in as long before it");
                    }
                }
            }
        }
    }

    /** What each part {@code from} reaches takes in while {@code act} is done and the clock advanced by {@code run}. */
    private static Map<Part, Long> deltas(TestApp t, List<Part> parts, Part from, Duration run, Runnable act) {
        Map<Part, Long> before = new LinkedHashMap<>();
        for (Part q : parts) {
            if (from.reaches().contains(q.name())) {
                before.put(q, Census.itemsIn(beyondMonitors(q)));
            }
        }
        act.run();
        t.advance(run);
        before.replaceAll((q, n) -> Census.itemsIn(beyondMonitors(q)) - n);
        return before;
    }

    private static List<Element<?, ?>> beyondMonitors(Part p) {
        return p.elements().stream().filter(e -> e.kind() != Kind.MONITOR).toList();
    }

    /** Every element of the parts, for the loss check. */
    public static List<Element<?, ?>> elements(List<Part> parts) {
        return parts.stream().flatMap(p -> p.elements().stream()).toList();
    }
}
