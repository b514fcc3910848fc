package io.mape.examples.cruise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mape.App;
import io.mape.Element;
import io.mape.Level;
import io.mape.Loop;
import io.mape.config.MapeConfig;
import io.mape.examples.Console;
import io.mape.examples.Runs;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
    void theUpperLoopHoldsBackTheFollowerUntilTheGapOpens() throws Exception {
        try (App app = App.create(MapeConfig.defaults())) {
            TestScheduler clock = new TestScheduler();
            CruiseControl.Convoy convoy = CruiseControl.build(app, clock, new Console(new PrintStream(new ByteArrayOutputStream()), InputStream.nullInputStream()));
            SpeedPid pandaPid = app.get("cruise_control_Panda.pid");

            clock.advanceTimeBy(5, TimeUnit.SECONDS);
            assertThat(convoy.distance()).isLessThan(CruiseControl.DISTANCE_TARGET);
            assertThat(pandaPid.speedTarget()).as("set by CallMethod from hold_distance_Panda.speed").isZero();

            clock.advanceTimeBy(60, TimeUnit.SECONDS);
            assertThat(pandaPid.speedTarget()).isPositive();
            assertThat(convoy.panda().speed()).isPositive();
        }
    }

    @Test
    void theTwoLayersAreLevels() throws Exception {
        try (App app = App.create(MapeConfig.defaults())) {
            CruiseControl.build(app, new TestScheduler(), new Console(new PrintStream(new ByteArrayOutputStream()), InputStream.nullInputStream()));

            Level upper = app.get("hold_distance");
            Level lower = app.get("cruise_control");
            assertThat(upper.loops()).extracting(Loop::uid).containsExactly("hold_distance_Panda");
            assertThat(lower.loops()).extracting(Loop::uid).containsExactly("cruise_control_Panda", "cruise_control_Countach");
            assertThat(app.<Loop>get("hold_distance_Panda").elements()).extracting(Element::uid).containsExactly("distance", "pid", "speed");
            assertThat(app.<Loop>get("cruise_control_Panda").elements()).extracting(Element::uid).containsExactly("speed", "pid", "gas_brake");
        }
    }

    @Test
    void slowerLowersTheLeadersTargetInteractively() throws Exception {
        Runs.Result r = Runs.runWithInput("slower\nslower\nquit\n", "cruise-control", "--interactive", "--tick", "0");

        assertThat(r.exit()).isZero();
        assertThat(r.lines("cruise_control_Countach")).contains("cruise target 90 km/h", "cruise target 80 km/h");
    }
}
