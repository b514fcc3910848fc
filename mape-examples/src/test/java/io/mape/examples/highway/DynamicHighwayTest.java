package io.mape.examples.highway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.App;
import io.mape.Element;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MapeExtension.class)
class DynamicHighwayTest {

    private static final Pattern DECISION = Pattern.compile(
            "\\[(carriageway_\\w+)] (\\d+) cars here, (\\d+) on carriageway_\\w+: (\\d+) lanes");

    @Test
    void lanesFollowTheCarCountsAndReachTheGenerator() throws Exception {
        Runs.Result r = Runs.run("dynamic-highway");

        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        int decisions = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = DECISION.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            decisions++;
            int lanes = Integer.parseInt(m.group(4));
            assertThat(lanes).as(lines.get(i))
                    .isEqualTo(Lanes.lanes(4, Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
            assertThat(lines.get(i + 1)).isEqualTo("[lane_" + Math.max(0, lanes - 1) + "] " + m.group(1)
                    + " now has " + lanes + " lanes");
        }
        assertThat(decisions).isGreaterThan(10);
        assertThat(r.lines("carriageway_up")).last().asString().matches("end: \\d+ cars on \\d lanes");
    }

    @Test
    void lanesSplitInProportionRoundingHalfToEven() {
        assertThat(Lanes.lanes(4, 4, 0)).isEqualTo(4);
        assertThat(Lanes.lanes(4, 0, 4)).isZero();
        assertThat(Lanes.lanes(4, 1, 20)).as("a carriageway with cars keeps a lane").isEqualTo(1);
        assertThat(Lanes.lanes(4, 20, 1)).as("and leaves one to the other").isEqualTo(3);
        assertThat(Lanes.lanes(4, 5, 3)).as("2.5 rounds to 2").isEqualTo(2);
        assertThat(Lanes.lanes(4, 7, 1)).as("3.5 rounds to 4, then 3 for the other").isEqualTo(3);
        assertThat(Lanes.lanes(8, 9, 7)).as("4.5 rounds to 4").isEqualTo(4);
    }

    @Test
    void theCarSetsInKnowledgeMatchTheCarsOnTheRoad(TestApp t) {
        DynamicHighway.Highway highway = t.manage(DynamicHighway.build(t.clock(), 4, new Random(3),
                new Console(new PrintStream(new ByteArrayOutputStream()), InputStream.nullInputStream())));
        highway.generators().values().forEach(g -> t.manage(g.start(t.clock())::dispose));
        List<Probe<Object>> lanes = new ArrayList<>();
        for (App app : highway.apps()) {
            for (int n = 0; n < 4; n++) {
                lanes.add(t.probe(app.<Element<?, Object>>get("lane_" + n + ".set_lane")));
            }
        }
        t.advance(Duration.ofSeconds(200));

        highway.generators().forEach((carriageway, g) -> assertThat(highway.apps().get(1).k()
                .set(carriageway + "_cars", String.class).members())
                .as(carriageway).isEqualTo(g.cars()));
        assertThat(highway.apps().get(1).<Loop>get("lane_0").elements()).extracting(Element::uid)
                .containsExactly("car_mon", "cars_store", "set_lane");
        assertThat(highway.apps().get(0).<Loop>get("carriageway_up").elements()).extracting(Element::uid)
                .containsExactly("lanes");
        assertThat(lanes).as("lane changes executed").anySatisfy(p -> assertThat(p.values()).isNotEmpty())
                .allSatisfy(p -> p.assertNoErrors().assertNoDrops());
    }

    @Test
    void addAndRemoveMoveCarsInteractively() throws Exception {
        Runs.Result r = Runs.runWithInput("add 3\nadd 2 down\nremove 9 up\nadd x\nquit\n",
                "dynamic-highway", "--interactive", "--tick", "0", "--lanes", "2");

        assertThat(r.exit()).isZero();
        assertThat(r.lines("input")).contains("'x' is neither a count nor up or down; usage: add [COUNT] [up|down]");
        assertThat(r.lines("carriageway_up")).last().isEqualTo("end: 0 cars on 0 lanes");
        assertThat(r.lines("carriageway_down")).last().isEqualTo("end: 2 cars on 2 lanes");
    }
}
