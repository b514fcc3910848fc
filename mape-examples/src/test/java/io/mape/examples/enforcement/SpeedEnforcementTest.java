package io.mape.examples.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.Message;
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
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MapeExtension.class)
class SpeedEnforcementTest {

    private static final Pattern DECISION = Pattern.compile(
            "(car_\\w+)\\.mon average ([\\d.]+) km/h over 6 samples: (.*)");

    @Test
    void everyAverageGetsThePenaltyOfPyMapesRules() throws Exception {
        Runs.Result r = Runs.run("speed-enforcement");

        assertThat(r.exit()).isZero();
        List<String> decisions = r.lines("speed_enforcement");
        assertThat(decisions).hasSize(9);
        for (String d : decisions) {
            Matcher m = DECISION.matcher(d);
            assertThat(m.matches()).as(d).isTrue();
            double over = Double.parseDouble(m.group(2)) - SpeedEnforcement.SPEED_THRESHOLD;
            String expected = over > 90 ? "more than 60% over 150, speed limit 0 km/h"
                    : over > 45 ? "more than 30% over 150, speed limit 30 km/h" : "no penalty";
            assertThat(m.group(3)).as(d).isEqualTo(expected);
        }
    }

    @Test
    void theVeyronIsStoppedTheCountachSlowedAndThePandaLeftAloneUntilItSpeeds() throws Exception {
        Runs.Result r = Runs.run("speed-enforcement");

        assertThat(r.lines("speed_enforcement").subList(0, 3)).satisfiesExactly(
                v -> assertThat(v).startsWith("car_Veyron.mon").endsWith("speed limit 0 km/h"),
                c -> assertThat(c).startsWith("car_Countach.mon").endsWith("speed limit 30 km/h"),
                p -> assertThat(p).startsWith("car_Panda.mon").endsWith("no penalty"));
        assertThat(r.lines("car_Veyron")).first().asString().startsWith("speed limit set to 0 km/h");
        assertThat(r.lines("car_Countach")).first().asString().startsWith("speed limit set to 30 km/h");
        assertThat(r.lines("car_Panda")).first().asString().startsWith("speed limit set to 30 km/h");
        assertThat(r.lines("car_Veyron")).last().isEqualTo("end: Veyron 0/0 km/h");
    }

    @Test
    void theMasterAveragesEachCarsWindowOfSixSamples(TestApp t) {
        SpeedEnforcement.build(t.app(), t.clock(), new Random(1),
                new Console(new PrintStream(new ByteArrayOutputStream()), InputStream.nullInputStream()));
        Probe<Message<Double>> averages = t.probe("speed_enforcement.avg");
        Duration window = Duration.ofSeconds(SpeedEnforcement.SAMPLE_SECONDS * SpeedEnforcement.WINDOW);

        t.advance(window.minusSeconds(1));
        averages.assertNoValues();
        t.advance(Duration.ofSeconds(1));
        assertThat(averages.values()).extracting(Message::src)
                .containsExactlyInAnyOrder("car_Veyron.mon", "car_Countach.mon", "car_Panda.mon");
        averages.assertNoErrors().assertNoDrops();
        assertThat(t.app().<io.mape.Element<?, ?>>get("speed_enforcement.avg").stats().itemsIn())
                .as("six samples of each car").isEqualTo(3L * SpeedEnforcement.WINDOW);
    }

    @Test
    void theSameSeedGivesTheSameTraceAndAnotherSeedAnother() throws Exception {
        String a = Runs.run("speed-enforcement", "--seed", "9").out();

        assertThat(Runs.run("speed-enforcement", "--seed", "9").out()).isEqualTo(a);
        assertThat(Runs.run("speed-enforcement", "--seed", "10").out()).isNotEqualTo(a);
    }

    @Test
    void aBadCommandIsReportedAndTheRunGoesOn() throws Exception {
        Runs.Result r = Runs.runWithInput("limit Panda fast\nlimit Veyron 10\nquit\n",
                "speed-enforcement", "--interactive", "--tick", "0");

        assertThat(r.exit()).isZero();
        assertThat(r.lines("input")).contains("expected a car (Veyron, Countach, Panda) and a speed in km/h; "
                + "usage: limit NAME KMH (a driver's own speed limit)");
    }
}
