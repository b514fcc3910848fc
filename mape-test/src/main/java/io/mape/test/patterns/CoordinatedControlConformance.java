package io.mape.test.patterns;

import io.mape.test.MapeExtension;
import io.mape.test.TestApp;
import io.mape.test.internal.Census;
import io.mape.test.internal.Parts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Coordinated control: every part runs a whole MAPE loop, and the loops talk (at any stage). Extend it, build the
 * system in {@link #setUp(TestApp)} and give the time a part's news takes in {@link #run()}; the properties checked:
 *
 * <ul>
 *   <li>every part has a monitor, an analyzer, a planner and an executor;</li>
 *   <li>what a part sees reaches every part its {@link Part#reaches()} names;</li>
 *   <li>nothing is lost on the way.</li>
 * </ul>
 */
@ExtendWith(MapeExtension.class)
public abstract class CoordinatedControlConformance {

    /**
     * Builds the system with {@code t.clock()} as its clock, in {@code t}'s App or in Apps that {@code t}
     * {@link TestApp#manage manages}, and gives its parts. Called once per test (and per part).
     */
    protected abstract List<Part> setUp(TestApp t);

    /** How long, in virtual time, what a part sees takes to be heard of and acted on. */
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
    void nothingIsLost(TestApp t) {
        List<Part> parts = setUp(t);
        t.advance(run());
        parts.forEach(p -> p.stimulus().run());
        t.advance(run());
        Census.assertNothingLost("the parts", Parts.elements(parts));
    }
}
