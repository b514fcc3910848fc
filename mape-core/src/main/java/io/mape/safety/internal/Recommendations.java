package io.mape.safety.internal;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The recommendations of one key within the longer of its two windows, and the value last acted on; decides each
 * new recommendation as {@code io.mape.safety.Stabilizer} says. A window of length w holds the newest
 * recommendation and those made less than w before it, so a zero window holds the newest alone. An initial value
 * counts as recommended just before the first recommendation (an entry without an item). Thread-safe.
 */
public final class Recommendations<T> {

    private record Entry<T>(long at, double value, T item) {
    }

    private final long upWindow;
    private final long downWindow;
    private final double upTolerance;
    private final double downTolerance;
    private final ArrayDeque<Entry<T>> entries = new ArrayDeque<>();
    private boolean acted;
    private boolean seeded;
    private double current;

    /** @param initial the value in effect before the first recommendation, or NaN for none */
    public Recommendations(long upWindowNanos, long downWindowNanos, double upTolerance, double downTolerance,
                           double initial) {
        this.upWindow = upWindowNanos;
        this.downWindow = downWindowNanos;
        this.upTolerance = upTolerance;
        this.downTolerance = downTolerance;
        this.seeded = !Double.isNaN(initial);
        this.current = initial;
    }

    public synchronized Verdict<T> recommend(T item, double value, long now) {
        if (Double.isNaN(value)) {
            return Verdict.hold("unchanged", "the recommendation is not a number", true);
        }
        if (seeded && !acted) {
            entries.addLast(new Entry<>(now, current, null));
            acted = true;
        }
        entries.addLast(new Entry<>(now, value, item));
        long keep = Math.max(upWindow, downWindow);
        while (now - entries.peekFirst().at() >= keep && entries.size() > 1) {
            entries.pollFirst();
        }
        if (!acted) {
            return act(item, value);
        }
        Entry<T> lowest = null;
        Entry<T> highest = null;
        Entry<T> newest = entries.peekLast();
        for (Iterator<Entry<T>> it = entries.descendingIterator(); it.hasNext(); ) {
            Entry<T> e = it.next();
            if ((e == newest || now - e.at() < upWindow) && (lowest == null || e.value() < lowest.value())) {
                lowest = e;
            }
            if ((e == newest || now - e.at() < downWindow) && (highest == null || e.value() > highest.value())) {
                highest = e;
            }
        }
        if (lowest != null && lowest.value() > current) {
            return change(lowest, lowest.value() - current, upTolerance, "up");
        }
        if (highest != null && highest.value() < current) {
            return change(highest, current - highest.value(), downTolerance, "down");
        }
        if (value == current) {
            return Verdict.hold("unchanged", "already at " + current, false);
        }
        return Verdict.hold("stabilization", "wanted " + value + ", but the window still holds " + current,
                false);
    }

    private Verdict<T> change(Entry<T> to, double by, double tolerance, String direction) {
        if (to.item() == null) {
            return Verdict.hold("stabilization", "the window still holds the initial " + to.value(), false);
        }
        if (by < tolerance) {
            return Verdict.hold("tolerance", direction + " by " + by + " from " + current + " is less than "
                    + tolerance, false);
        }
        return act(to.item(), to.value());
    }

    private Verdict<T> act(T item, double value) {
        acted = true;
        current = value;
        return Verdict.pass(item);
    }
}
