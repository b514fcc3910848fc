package io.mape.examples.highway;

import io.mape.App;
import io.mape.Element;
import io.mape.Loop;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.examples.Console;
import io.mape.examples.Example;
import io.mape.examples.LivePages;
import io.mape.examples.Option;
import io.mape.examples.Options;
import io.mape.examples.Scenario;
import io.mape.examples.sim.VirtualCarGenerator;
import io.mape.safety.DryRun;
import io.mape.safety.Guards;
import io.mape.safety.SafetyOperator;
import io.mape.safety.Stabilizer;
import io.mape.safety.StabilizerOptions;
import io.mape.safety.Switch;
import io.reactivex.rxjava3.core.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The dynamic highway with a safe Execute: one carriageway whose lanes follow its cars (a lane per
 * {@code --cars-per-lane} cars), with the plan's output passed through a guard chain (at least one lane, no more
 * than the road has), a stabilization window (a lane is closed only when fewer lanes were wanted for the whole
 * {@code --window}; one is opened at once) and a dry run ({@code --dry-run}, or {@code shadow} / {@code act} typed
 * at run time) before {@code set_lanes} changes the road. Each step is 1 s of virtual time.
 */
public final class SafeHighway implements Example {

    static final Option<Long> LANES = Option.number("--lanes", "N", 1, 16, 4L, "lanes the road has");
    static final Option<Long> CARS_PER_LANE = Option.number("--cars-per-lane", "N", 1, 1000, 5L,
            "cars one lane carries");
    static final Option<Long> WINDOW = Option.number("--window", "SECONDS", 0, 3600, 20L,
            "how long fewer lanes must be wanted before one is closed");
    static final Option<Boolean> DRY_RUN = Option.flag("--dry-run",
            "start in shadow mode: report what set_lanes would do, do not do it");

    @Override
    public String name() {
        return "dynamic-highway-safe";
    }

    @Override
    public String description() {
        return "a carriageway's lanes through a guard, a stabilization window and a dry-run switch";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(LANES, CARS_PER_LANE, WINDOW, DRY_RUN, Options.STEPS.withDefault(200L), Options.SEED,
                Options.INTERACTIVE, Options.TICK, Options.DURATION, Options.UI);
    }

    @Override
    public void run(Options options, Console console) throws InterruptedException {
        Scenario scenario = new Scenario(Duration.ofSeconds(1));
        Switch shadow = options.get(DRY_RUN) ? Switch.on() : Switch.off();
        VirtualCarGenerator road = new VirtualCarGenerator("carriageway", Math.toIntExact(options.get(LANES)),
                new Random(options.get(Options.SEED)));
        try (App app = build(scenario.clock(), road, Math.toIntExact(options.get(CARS_PER_LANE)),
                Duration.ofSeconds(options.get(WINDOW)), shadow, console)) {
            LivePages.serve(options, console, List.of(app));
            if (!options.get(Options.INTERACTIVE)) {
                app.manage(road.start(scenario.clock())::dispose);
            }
            scenario.command("add", "add COUNT", args -> road.addRandomCars(count(args)))
                    .command("remove", "remove COUNT", args -> road.removeRandomCars(count(args)))
                    .command("shadow", "shadow: report, do not act", args -> shadow.set(true))
                    .command("act", "act: leave shadow mode", args -> shadow.set(false));
            scenario.run(options, console);
            console.trace("carriageway", "end: " + road.cars().size() + " cars on " + road.lanes() + " lanes");
        }
    }

    private static int count(List<String> args) {
        if (args.size() != 1 || !args.get(0).matches("\\d{1,3}")) {
            throw new IllegalArgumentException("give one count of cars, e.g. add 5");
        }
        return Integer.parseInt(args.get(0));
    }

    /** The App: loop {@code carriageway} with {@code cars -> lanes -> set_lanes}, on the virtual {@code clock}. */
    static App build(Scheduler clock, VirtualCarGenerator road, int carsPerLane, Duration window, Switch shadow,
                     Console console) {
        App app = App.builder().config(MapeConfig.defaults()).build();
        Loop loop = app.loop("carriageway");
        int roadLanes = road.lanes();

        Element<Map<String, Object>, Integer> cars = loop.monitor("cars",
                (Map<String, Object> change, Output<Integer> out) -> out.next(road.cars().size()));

        Guards<Integer> guards = Guards.<Integer>builder()
                .guard("keeps-a-lane", lanes -> lanes >= 1, "a carriageway keeps one lane open")
                .guard("fits-the-road", lanes -> lanes <= roadLanes, "the road has " + roadLanes + " lanes")
                .build();
        Stabilizer<Integer> stabilizer = Stabilizer.<Integer>builder(Integer::doubleValue).scheduler(clock)
                .initial(roadLanes).options(StabilizerOptions.builder().downWindow(window).build()).build();
        Element<Integer, Integer> lanes = loop.plan("lanes", (Integer count, Output<Integer> out) -> {
            int wanted = (count + carsPerLane - 1) / carsPerLane;
            console.trace("carriageway", "t=" + seconds(clock) + " " + count + " cars: " + wanted + " lanes wanted");
            out.next(wanted);
        }).opsOut(plans -> plans.compose(guards).compose(stabilizer));

        DryRun<Integer> dryRun = DryRun.of(shadow);
        Element<Integer, Void> setLanes = loop.execute("set_lanes", (Integer n, Output<Void> out) -> {
            road.lanes(n);
            console.trace("carriageway", "t=" + seconds(clock) + " now has " + n + " lanes");
        }).opsIn(plans -> plans.compose(dryRun));

        for (SafetyOperator<Integer, Integer> op : List.of(guards, stabilizer)) {
            op.vetoes().filter(v -> !v.by().equals("unchanged")).subscribe(v -> console.trace("safety",
                    "t=" + seconds(clock) + " held back " + v.item() + " lanes (" + v.by() + ": " + v.reason() + ")"));
        }
        dryRun.wouldExecute().subscribe(n -> console.trace("dry-run", "t=" + seconds(clock) + " would set " + n
                + " lanes"));
        shadow.changes().skip(1).subscribe(on -> console.trace("dry-run", on ? "shadow mode" : "acting"));

        cars.link(lanes);
        lanes.link(setLanes);
        cars.start();
        for (int lane = 0; lane < roadLanes; lane++) {
            road.onChange("enter_" + lane, cars::onNext);
            road.onChange("exit_" + lane, cars::onNext);
        }
        return app;
    }

    private static long seconds(Scheduler clock) {
        return clock.now(TimeUnit.SECONDS);
    }
}
