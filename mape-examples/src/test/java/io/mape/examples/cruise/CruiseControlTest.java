package io.mape.examples.cruise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mape.CallMethod;
import io.mape.Element;
import io.mape.Level;
import io.mape.Loop;
import io.mape.examples.Console;
import io.mape.examples.Runs;
import io.mape.test.MapeExtension;
import io.mape.test.Probe;
import io.mape.test.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MapeExtension.class)
class CruiseControlTest {

    /** How close to the target distance the follower must settle, in m. */
    private static final double TOLERANCE = 10;

    private static final Pattern END = Pattern.compile(
            "end at 800 s: distance ([\\d.]+) m \\(target 250 m\\), Panda ([\\d.]+) km/h, Countach ([\\d.]+) km/h");

    @Test
    void thePandaSettlesAtTheTargetDistanceBehindTheCountachAfterItSpeedsUp() throws Exception {
        Runs.Result r = Runs.run("cruise-control");

        assertThat(r.exit()).isZero();
        List<String> hold = r.lines("hold_distance_Panda");
        Matcher end = END.matcher(hold.get(hold.size() - 1));
        assertThat(end.matches()).as(hold.get(hold.size() - 1)).isTrue();
        assertThat(Double.parseDouble(end.group(1))).isCloseTo(CruiseControl.DISTANCE_TARGET, within(TOLERANCE));
        assertThat(Double.parseDouble(end.group(2))).isCloseTo(120, within(1.0));
        assertThat(Double.parseDouble(end.group(3))).isCloseTo(120, within(1.0));
        assertThat(r.lines("cruise_control_Countach")).contains("cruise target 110 km/h", "cruise target 120 km/h");
    }

    @Test
    void theUpperLoopHoldsBackTheFollowerUntilTheGapOpens(TestApp t) {
        CruiseControl.Convoy convoy = CruiseControl.build(t.app(), t.clock(), quiet());
        SpeedPid pandaPid = t.app().get("cruise_control_Panda.pid");
        Probe<Object> steering = t.probe("hold_distance_Panda.speed");

        t.advance(Duration.ofSeconds(5));
        assertThat(convoy.distance()).isLessThan(CruiseControl.DISTANCE_TARGET);
        assertThat(pandaPid.speedTarget()).as("set by CallMethod from hold_distance_Panda.speed").isZero();

        t.advance(Duration.ofSeconds(60));
        assertThat(pandaPid.speedTarget()).isPositive();
        assertThat(convoy.panda().speed()).isPositive();
        assertThat(steering.values()).as("the upper loop's CallMethods").isNotEmpty()
                .allSatisfy(call -> assertThat(call).isInstanceOf(CallMethod.class));
        steering.assertNoErrors().assertNoDrops();
    }

    @Test
    void theTwoLayersAreLevels(TestApp t) {
        CruiseControl.build(t.app(), t.clock(), quiet());

        Level upper = t.app().get("hold_distance");
        Level lower = t.app().get("cruise_control");
        assertThat(upper.loops()).extracting(Loop::uid).containsExactly("hold_distance_Panda");
        assertThat(lower.loops()).extracting(Loop::uid).containsExactly("cruise_control_Panda", "cruise_control_Countach");
        assertThat(t.app().<Loop>get("hold_distance_Panda").elements()).extracting(Element::uid).containsExactly("distance", "pid", "speed");
        assertThat(t.app().<Loop>get("cruise_control_Panda").elements()).extracting(Element::uid).containsExactly("speed", "pid", "gas_brake");
    }

    private static Console quiet() {
        return new Console(new PrintStream(new ByteArrayOutputStream()), InputStream.nullInputStream());
    }

    @Test
    void slowerLowersTheLeadersTargetInteractively() throws Exception {
        Runs.Result r = Runs.runWithInput("slower\nslower\nquit\n", "cruise-control", "--interactive", "--tick", "0");

        assertThat(r.exit()).isZero();
        assertThat(r.lines("cruise_control_Countach")).contains("cruise target 90 km/h", "cruise target 80 km/h");
    }
}
