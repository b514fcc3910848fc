package io.mape.examples.cruise;

import io.mape.App;
import io.mape.CallMethod;
import io.mape.Element;
import io.mape.Output;
import io.mape.Level;
import io.mape.Loop;
import io.mape.config.MapeConfig;
import io.mape.examples.Console;
import io.mape.examples.Example;
import io.mape.examples.InfluxSinks;
import io.mape.examples.Option;
import io.mape.examples.Options;
import io.mape.examples.Scenario;
import io.mape.examples.UsageException;
import io.mape.examples.sim.VirtualCarSpeed;
import io.reactivex.rxjava3.core.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Hierarchical control (PyMAPE's {@code hierarchical-cruise-control.py}). Level {@code cruise_control} holds a loop
 * {@code cruise_control_<car>} per car ({@code speed -> pid -> gas_brake}); level {@code hold_distance} holds
 * {@code hold_distance_Panda} ({@code distance -> pid -> speed}), whose {@code speed} executor sends
 * {@code CallMethod("cruise_control", kmh)} into {@code cruise_control_Panda.pid}, so that the Panda keeps 250 m
 * behind the Countach. A step is 0.1 s of virtual time (the pause of PyMAPE's car update). Script: the Countach
 * holds 100 km/h, speeds up to 120 km/h at 400 s; the Panda follows. With {@code --influx}, as PyMAPE's, the speeds
 * (tag {@code type=speed}), the planned powers ({@code type=power}) and the distance ({@code type=distance}) go to
 * measurement {@code cruise-control}, tagged with the car.
 */
public final class CruiseControl implements Example {

    /** The distance the Panda keeps to the Countach, in m. */
    public static final double DISTANCE_TARGET = 250;
    static final Duration STEP = Duration.ofMillis(100);
    static final long FASTER_AT_STEP = 4000;
    static final long STEPS = 8000;
    private static final long REPORT_SECONDS = 40;
    /** The measurement of its time series. */
    public static final String MEASUREMENT = "cruise-control";

    @Override
    public String name() {
        return "cruise-control";
    }

    @Override
    public String description() {
        return "hierarchical control: hold_distance_Panda steers cruise_control_Panda; Panda follows Countach at "
                + (int) DISTANCE_TARGET + " m";
    }

    @Override
    public List<Option<?>> options() {
        List<Option<?>> options = new ArrayList<>(List.of(Options.STEPS.withDefault(STEPS), Options.INTERACTIVE,
                Options.TICK, Options.DURATION));
        options.addAll(InfluxSinks.OPTIONS);
        return options;
    }

    @Override
    public void run(Options options, Console console) throws InterruptedException, UsageException {
        Scenario scenario = new Scenario(STEP);
        try (App app = App.create(MapeConfig.defaults())) {
            Convoy convoy = build(app, scenario.clock(), console);
            InfluxSinks influx = InfluxSinks.of(options, scenario.clock());
            if (influx != null) {
                timeSeries(app, influx);
            }
            SpeedPid countachPid = app.get("cruise_control_Countach.pid");
            scenario.command("faster", "faster (Countach +10 km/h)", args -> target(countachPid, +10, console))
                    .command("slower", "slower (Countach -10 km/h)", args -> target(countachPid, -10, console))
                    .at(FASTER_AT_STEP, "faster")
                    .at(FASTER_AT_STEP, "faster");
            scenario.run(options, console);
            console.trace("hold_distance_Panda", String.format("end at %.0f s: distance %.1f m (target %.0f m), "
                            + "Panda %.1f km/h, Countach %.1f km/h", scenario.seconds(), convoy.distance(),
                    DISTANCE_TARGET, convoy.panda().speed(), convoy.countach().speed()));
        }
    }

    /** PyMAPE's InfluxObservers: speed and power of each car, the Panda's distance to the Countach. */
    static void timeSeries(App app, InfluxSinks influx) throws UsageException {
        for (String car : List.of("Panda", "Countach")) {
            Element<?, Double> speed = app.get("cruise_control_" + car + ".speed");
            Element<?, Double> power = app.get("cruise_control_" + car + ".pid");
            influx.link(app, speed, MEASUREMENT, Map.of("type", "speed", "car", car));
            influx.link(app, power, MEASUREMENT, Map.of("type", "power", "car", car));
        }
        Element<?, Double> distance = app.get("hold_distance_Panda.distance");
        influx.link(app, distance, MEASUREMENT, Map.of("type", "distance", "car", "Panda"));
    }

    /** Sends {@code CallMethod("cruise_control", target + delta)} to a cruise control planner, as PyMAPE's F1/F2. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void target(SpeedPid pid, double delta, Console console) {
        Element<Object, Double> portIn = (Element) pid;
        portIn.onNext(CallMethod.of("cruise_control", pid.speedTarget() + delta));
        console.trace(pid.loop().uid(), String.format("cruise target %.0f km/h", pid.speedTarget()));
    }

    /** The managed cars. */
    record Convoy(VirtualCarSpeed panda, VirtualCarSpeed countach) {

        double distance() {
            return countach.position() - panda.position();
        }
    }

    /** Builds both levels in {@code app}; the cars move one step at each step of {@code clock}. */
    static Convoy build(App app, Scheduler clock, Console console) {
        VirtualCarSpeed panda = new VirtualCarSpeed("Panda", 0, 70, 70, 0);
        VirtualCarSpeed countach = new VirtualCarSpeed("Countach", 0, 200, 180, 0);
        Level control = app.level("cruise_control");
        Level supervision = app.level("hold_distance");

        cruiseControl(control, panda, clock, console);
        holdDistance(supervision, panda, countach, clock, console);
        cruiseControl(control, countach, clock, console);

        double dt = STEP.toNanos() / 1e9;
        clock.schedulePeriodicallyDirect(() -> {
            panda.update(dt);
            countach.update(dt);
        }, STEP.toNanos(), STEP.toNanos(), TimeUnit.NANOSECONDS);
        return new Convoy(panda, countach);
    }

    private static void cruiseControl(Level level, VirtualCarSpeed car, Scheduler clock, Console console) {
        Loop loop = level.loop("cruise_control_" + car.uid());

        Element<Map<String, Object>, Double> speed = loop.monitor("speed",
                (Map<String, Object> item, Output<Double> out) -> out.next(((Number) item.get("speed")).doubleValue()));
        SpeedPid pid = loop.add(new SpeedPid(100, car.maxBrake(), car.maxPower(), clock));
        Element<Double, Void> gasBrake = loop.execute("gas_brake", (Double power, Output<Void> out) -> {
            if (power >= 0) {
                car.gas(power);
            } else {
                car.brake(power);
            }
        });

        speed.link(pid);
        pid.link(gasBrake);
        pid.sample(REPORT_SECONDS, TimeUnit.SECONDS, clock).subscribe(power -> console.trace(loop.uid(),
                String.format("speed %.1f km/h, target %.0f km/h -> %s %.1f", car.speed(), pid.speedTarget(),
                        power >= 0 ? "gas" : "brake", Math.abs(power))));

        speed.start();
        car.onChange("speed", speed::onNext);
    }

    private static void holdDistance(Level level, VirtualCarSpeed car, VirtualCarSpeed carInFront, Scheduler clock,
                                     Console console) {
        Loop loop = level.loop("hold_distance_" + car.uid());

        Element<Map<String, Object>, Double> distance = loop.monitor("distance",
                (Map<String, Object> item, Output<Double> out) ->
                        out.next(carInFront.position() - ((Number) item.get("position")).doubleValue()));
        Pid distancePid = new Pid(-5, -0.01, -0.1, DISTANCE_TARGET, 0, 160);
        Element<Double, Double> pid = loop.plan("pid", (Double gap, Output<Double> out) ->
                out.next(distancePid.update(gap, clock.now(TimeUnit.NANOSECONDS) / 1e9)));
        Element<Double, CallMethod> speed = loop.execute("speed",
                (Double kmh, Output<CallMethod> out) -> out.next(CallMethod.of("cruise_control", kmh)));

        distance.link(pid);
        pid.link(speed);
        speed.link(level.app().get("cruise_control_" + car.uid() + ".pid"));
        pid.sample(REPORT_SECONDS, TimeUnit.SECONDS, clock).subscribe(kmh -> console.trace(loop.uid(),
                String.format("distance %.1f m -> cruise target %.1f km/h", carInFront.position() - car.position(), kmh)));

        distance.start();
        car.onChange("position", distance::onNext);
    }
}
