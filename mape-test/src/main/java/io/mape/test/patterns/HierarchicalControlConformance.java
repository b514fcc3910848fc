package io.mape.test.patterns;

import io.mape.Element;
import io.mape.Level;
import io.mape.test.MapeExtension;
import io.mape.test.TestApp;
import io.mape.test.internal.Census;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hierarchical control: loops stacked in levels, an upper level managing the loops below. Extend it and build the
 * system in {@link #setUp(TestApp)}; the properties checked:
 *
 * <ul>
 *   <li>the two levels are distinct and each has loops;</li>
 *   <li>the upper level steers the lower one: the lower level takes in more while the upper runs than in as long
 *       with the upper stopped;</li>
 *   <li>nothing is lost, and no {@code CallMethod} of the upper level is refused below.</li>
 * </ul>
 */
@ExtendWith(MapeExtension.class)
public abstract class HierarchicalControlConformance {

    /**
     * Where the levels are.
     *
     * @param upper the managing level
     * @param lower the level it manages
     * @param run   how long, in virtual time, the upper level takes to steer the lower one
     */
    public record Setup(Level upper, Level lower, Duration run) {
        public Setup {
            Objects.requireNonNull(upper, "upper");
            Objects.requireNonNull(lower, "lower");
            Objects.requireNonNull(run, "run");
        }
    }

    /** Builds the system in {@code t}'s App with {@code t.clock()} as its clock. Called once per test. */
    protected abstract Setup setUp(TestApp t);

    @Test
    void theLevelsAreStacked(TestApp t) {
        Setup s = setUp(t);
        if (s.upper() == s.lower()) {
            throw new AssertionError("the upper and the lower level are one: " + s.upper().uid());
        }
        for (Level level : List.of(s.upper(), s.lower())) {
            if (level.loops().isEmpty()) {
                throw new AssertionError("level " + level.uid() + " has no loops");
            }
        }
    }

    @Test
    void theUpperLevelSteersTheLowerOne(TestApp t) {
        Setup s = setUp(t);
        List<Element<?, ?>> upper = Census.elements(s.upper().loops());
        List<Element<?, ?>> lower = Census.elements(s.lower().loops());
        t.advance(s.run());

        upper.forEach(Element::stop);
        long before = Census.itemsIn(lower);
        t.advance(s.run());
        long alone = Census.itemsIn(lower) - before;

        upper.forEach(Element::start);
        before = Census.itemsIn(lower);
        t.advance(s.run());
        long steered = Census.itemsIn(lower) - before;
        if (steered <= alone) {
            throw new AssertionError("level " + s.lower().uid() + " took in " + steered + " items in " + s.run()
                    + " with level " + s.upper().uid() + " running, " + alone + " with it stopped: the upper level "
                    + "does not steer it");
        }
    }

    @Test
    void nothingIsLost(TestApp t) {
        Setup s = setUp(t);
        t.advance(s.run().multipliedBy(2));
        List<Element<?, ?>> all = new ArrayList<>(Census.elements(s.upper().loops()));
        all.addAll(Census.elements(s.lower().loops()));
        Census.assertNothingLost("the levels", all);
    }
}
