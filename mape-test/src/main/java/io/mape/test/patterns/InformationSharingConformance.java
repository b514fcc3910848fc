package io.mape.test.patterns;

import io.mape.Element;
import io.mape.Kind;
import io.mape.test.MapeExtension;
import io.mape.test.TestApp;
import io.mape.test.internal.Census;
import io.mape.test.internal.Parts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Information sharing: every part runs a whole loop and shares what it sees (its monitors, and analyzers that only
 * digest what is seen), never its plans: each part decides alone. Extend it, build the system in {@link #setUp(TestApp)} and give the time news takes in {@link #run()}; the
 * properties checked:
 *
 * <ul>
 *   <li>every part has a monitor, an analyzer, a planner and an executor;</li>
 *   <li>what a part sees reaches every part its {@link Part#reaches()} names;</li>
 *   <li>each part decides alone: with the part's planners and executors stopped, what it sees still reaches the
 *       others (what is shared comes before planning);</li>
 *   <li>nothing is lost on the way.</li>
 * </ul>
 */
@ExtendWith(MapeExtension.class)
public abstract class InformationSharingConformance {

    /**
     * Builds the system with {@code t.clock()} as its clock, in {@code t}'s App or in Apps that {@code t}
     * {@link TestApp#manage manages}, and gives its parts. Called once per test (and per part).
     */
    protected abstract List<Part> setUp(TestApp t);

    /** How long, in virtual time, what a part sees takes to be heard of. */
    protected abstract Duration run();

    @Test
    void everyPartRunsAWholeLoop(TestApp t) {
        Parts.assertWholeLoops(setUp(t));
    }

    @Test
    void whatAPartSeesReachesThePartsItTalksTo() {
        Parts.assertStimuliReach(this::setUp, run(), p -> { });
    }

    @Test
    void eachPartDecidesAlone() {
        Parts.assertStimuliReach(this::setUp, run(), p -> p.elements().stream()
                .filter(e -> e.kind() == Kind.PLAN || e.kind() == Kind.EXECUTE).forEach(Element::stop));
    }

    @Test
    void nothingIsLost(TestApp t) {
        List<Part> parts = setUp(t);
        t.advance(run());
        parts.forEach(p -> p.stimulus().run());
        t.advance(run());
        Census.assertNothingLost("the parts", Parts.elements(parts));
    }
}
