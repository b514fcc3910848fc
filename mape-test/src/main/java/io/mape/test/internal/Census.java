package io.mape.test.internal;

import io.mape.Element;
import io.mape.ElementStats;
import io.mape.Kind;
import io.mape.Loop;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** Counts over groups of elements, for the patterns' suites. */
public final class Census {

    private Census() {
    }

    /** The elements of these loops. */
    public static List<Element<?, ?>> elements(Collection<Loop> loops) {
        return loops.stream().flatMap(l -> l.elements().stream()).collect(Collectors.toList());
    }

    /** The kinds present among these elements. */
    public static Set<Kind> kinds(Collection<? extends Element<?, ?>> elements) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        elements.forEach(e -> kinds.add(e.kind()));
        return kinds;
    }

    public static long itemsIn(Collection<? extends Element<?, ?>> elements) {
        return sum(elements, ElementStats::itemsIn);
    }

    public static long processed(Collection<? extends Element<?, ?>> elements) {
        return sum(elements, ElementStats::processed);
    }

    public static long sum(Collection<? extends Element<?, ?>> elements, ToLongFunction<ElementStats> counter) {
        long n = 0;
        for (Element<?, ?> e : elements) {
            n += counter.applyAsLong(e.stats());
        }
        return n;
    }

    /**
     * Fails naming every element of these that dropped, failed or refused an item, or stopped itself: a pattern
     * that loses items does not keep its properties.
     */
    public static void assertNothingLost(String what, Collection<? extends Element<?, ?>> elements) {
        StringBuilder lost = new StringBuilder();
        for (Element<?, ?> e : elements) {
            ElementStats s = e.stats();
            if (s.dropped() != 0 || s.failed() != 0 || s.failure() != null) {
                lost.append("\n  ").append(e.path()).append(": dropped ").append(s.droppedBy()).append(", failed ")
                        .append(s.failed()).append(s.failure() == null ? "" : ", stopped by " + s.failure());
            }
        }
        if (lost.length() > 0) {
            throw new AssertionError(what + " lost items:" + lost);
        }
    }

    /** Fails unless {@code element} is of {@code kind}. */
    public static void assertKind(String role, Element<?, ?> element, Kind kind) {
        if (element.kind() != kind) {
            throw new AssertionError(role + " " + element.path() + " is a " + element.kind() + ", not a " + kind);
        }
    }
}
