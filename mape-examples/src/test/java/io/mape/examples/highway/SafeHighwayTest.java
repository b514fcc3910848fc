package io.mape.examples.highway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.examples.Runs;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
