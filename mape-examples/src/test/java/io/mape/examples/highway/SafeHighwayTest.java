package io.mape.examples.highway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.App;
import io.mape.Element;
import io.mape.examples.Console;
import io.mape.examples.Runs;
import io.mape.examples.sim.VirtualCarGenerator;
import io.mape.safety.Switch;
import io.mape.test.MapeExtension;
import io.mape.test.Probe;
import io.mape.test.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MapeExtension.class)
class SafeHighwayTest {

    private static final Pattern WANTED = Pattern.compile("t=(\\d+) \\d+ cars: (\\d+) lanes wanted");
    private static final Pattern SET = Pattern.compile("t=(\\d+) now has (\\d+) lanes");

    /** A trace line: its position in the trace, its virtual second, its number of lanes. */
    private record At(int line, long second, int lanes) {
    }

    private static List<At> parse(List<String> lines, Pattern p) {
        List<At> all = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = p.matcher(lines.get(i));
            if (m.matches()) {
                all.add(new At(i, Long.parseLong(m.group(1)), Integer.parseInt(m.group(2))));
            }
        }
        return all;
    }

    @Test
    void aLaneClosesOnlyWhenFewerWereWantedForTheWholeWindowAndGuardsHoldBadPlans() throws Exception {
        Runs.Result r = Runs.run("dynamic-highway-safe", "--steps", "400", "--window", "20");
        assertThat(r.exit()).as(r.err()).isZero();

        List<At> wanted = parse(r.lines("carriageway"), WANTED).stream()
                .filter(w -> w.lanes() >= 1 && w.lanes() <= 4).toList();
        List<At> set = parse(r.lines("carriageway"), SET);
        assertThat(set).as(r.out()).hasSizeGreaterThan(3);
        int current = 4;
        boolean closed = false;
        for (At s : set) {
            if (s.lanes() < current) {
                closed = true;
                assertThat(wanted).as("what was wanted in the 20 s before closing to %s", s)
                        .filteredOn(w -> w.second() > s.second() - 20 && w.line() < s.line())
                        .allSatisfy(w -> assertThat(w.lanes()).isLessThanOrEqualTo(s.lanes()));
            }
            current = s.lanes();
        }
        assertThat(closed).as(r.out()).isTrue();
        assertThat(r.lines("safety")).as(r.out()).anyMatch(l -> l.contains("(stabilization: "))
                .anyMatch(l -> l.contains("(keeps-a-lane: ") || l.contains("(fits-the-road: "));
        assertThat(r.lines("carriageway")).last().asString().matches("end: \\d+ cars on \\d lanes");
    }

    /** The road with 4 lanes and 5 cars a lane, its plans after the guards and a 20 s window on {@code t}'s clock. */
    private static Probe<Integer> plans(TestApp t, VirtualCarGenerator road, Switch shadow) {
        App app = t.manage(SafeHighway.build(t.clock(), road, 5, Duration.ofSeconds(20), shadow,
                new Console(new PrintStream(new ByteArrayOutputStream()), InputStream.nullInputStream())));
        return t.probe(app.<Element<Integer, Integer>>get("carriageway.lanes"));
    }

    @Test
    void onVirtualTimeALaneClosesOnlyOnceFewerWereWantedForTheWholeWindow(TestApp t) {
        VirtualCarGenerator road = new VirtualCarGenerator("carriageway", 4, new Random(1));
        Probe<Integer> plans = plans(t, road, Switch.off());

        road.addRandomCars(3);
        t.advance(Duration.ofSeconds(10));
        road.addRandomCars(1);
        plans.assertNoValues();
        assertThat(road.lanes()).as("1 lane wanted for 10 s of a 20 s window").isEqualTo(4);

        t.advance(Duration.ofSeconds(15));
        road.addRandomCars(1);
        plans.assertValues(1).assertNoErrors();
        assertThat(road.lanes()).isEqualTo(1);
    }

    @Test
    void onVirtualTimeADryRunLetsThePlansThroughAndLeavesTheRoad(TestApp t) {
        VirtualCarGenerator road = new VirtualCarGenerator("carriageway", 4, new Random(1));
        Probe<Integer> plans = plans(t, road, Switch.on());

        road.addRandomCars(4);
        t.advance(Duration.ofSeconds(25));
        road.addRandomCars(1);
        plans.assertValues(1);
        assertThat(road.lanes()).as("shadow mode").isEqualTo(4);
    }

    @Test
    void aDryRunReportsWhatItWouldDoAndLeavesTheRoadAsItIs() throws Exception {
        Runs.Result r = Runs.run("dynamic-highway-safe", "--steps", "400", "--dry-run");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(parse(r.lines("carriageway"), SET)).as(r.out()).isEmpty();
        assertThat(r.lines("dry-run")).as(r.out()).anyMatch(l -> l.matches("t=\\d+ would set \\d lanes"));
        assertThat(r.lines("carriageway")).last().asString().endsWith(" on 4 lanes");
    }

    @Test
    void shadowAndActSwitchTheDryRunAtRunTime() throws Exception {
        Runs.Result r = Runs.runWithInput("shadow\nadd 3\nact\nadd 5\nquit\n", "dynamic-highway-safe",
                "--interactive", "--tick", "0", "--window", "0");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.lines("dry-run")).as(r.out()).containsSubsequence("shadow mode", "acting");
        assertThat(r.lines("dry-run")).as(r.out()).anyMatch(l -> l.endsWith("would set 1 lanes"));
        assertThat(parse(r.lines("carriageway"), SET)).as(r.out()).extracting(At::lanes).containsExactly(2);
    }
}
