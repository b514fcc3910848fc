package io.mape.examples.enforcement;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Loop;
import io.mape.MapeOps;
import io.mape.Message;
import io.mape.config.MapeConfig;
import io.mape.examples.Console;
import io.mape.examples.Example;
import io.mape.examples.Option;
import io.mape.examples.Options;
import io.mape.examples.Scenario;
import io.mape.examples.sim.VirtualCar;
import io.reactivex.rxjava3.core.Scheduler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Master/slave control (PyMAPE's {@code master-slave-speed-enforcement.py}). Each car has a loop {@code car_<name>}
 * whose monitor {@code mon} samples the speed every 6 s as a {@link Message} addressed to its own {@code exec};
 * the master loop {@code speed_enforcement} averages 6 samples per car in {@code avg} (a window per car, with
 * {@link MapeOps#groupAndPipe}) and its plan {@code penalty} routes a new speed limit back to the car's
 * {@code exec} ({@link MapeOps#router}): 0 km/h when the average is more than 60% over the 150 km/h threshold,
 * 30 km/h when more than 30% over. Cars: Veyron 300, Countach 190, Panda 90 km/h. A step is 1 s. Script: at 40 s the
 * Panda's driver raises their own limit to 250 km/h.
 */
public final class SpeedEnforcement implements Example {

    /** The speed above which penalties start, in km/h (PyMAPE's {@code penalty.speed_threshold}). */
    public static final int SPEED_THRESHOLD = 150;
    static final int WINDOW = 6;
    static final long SAMPLE_SECONDS = 6;
    static final Map<String, Integer> CARS = cars();
    static final long LIMIT_AT_STEP = 40;

    private static Map<String, Integer> cars() {
        Map<String, Integer> cars = new LinkedHashMap<>();
        cars.put("Veyron", 300);
        cars.put("Countach", 190);
        cars.put("Panda", 90);
        return cars;
    }

    @Override
    public String name() {
        return "speed-enforcement";
    }

    @Override
    public String description() {
        return "master/slave: speed_enforcement averages car_<name>.mon samples, routes penalties to car_<name>.exec";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(Options.STEPS.withDefault(120L), Options.SEED, Options.INTERACTIVE, Options.TICK, Options.DURATION);
    }

    @Override
    public void run(Options options, Console console) throws InterruptedException {
        Scenario scenario = new Scenario(Duration.ofSeconds(1));
        try (App app = App.create(MapeConfig.defaults())) {
            Map<String, VirtualCar> cars = build(app, scenario.clock(), new Random(options.get(Options.SEED)), console);
            scenario.command("limit", "limit NAME KMH (a driver's own speed limit)", args -> {
                if (args.size() != 2 || !cars.containsKey(args.get(0)) || !args.get(1).matches("\\d{1,4}")) {
                    throw new IllegalArgumentException("expected a car (" + String.join(", ", cars.keySet())
                            + ") and a speed in km/h");
                }
                cars.get(args.get(0)).speedLimit(Integer.parseInt(args.get(1)));
            }).at(LIMIT_AT_STEP, "limit Panda 250");
            scenario.run(options, console);
            cars.values().forEach(car -> console.trace("car_" + car.uid(), "end: " + car));
        }
    }

    /** Builds the master loop and a loop per car in {@code app}; the cars drive on {@code clock}. */
    static Map<String, VirtualCar> build(App app, Scheduler clock, Random random, Console console) {
        enforcementLoop(app, console);
        Map<String, VirtualCar> cars = new LinkedHashMap<>();
        CARS.forEach((name, speed) -> cars.put(name, carLoop(app, new VirtualCar(name, speed, random), clock, console)));
        return cars;
    }

    private static void enforcementLoop(App app, Console console) {
        Loop loop = app.loop("speed_enforcement");

        Element<Message<Double>, Message<Double>> avg = loop.analyze("avg",
                (Message<Double> sample, Output<Message<Double>> out) -> out.next(sample));
        avg.opsOut(MapeOps.groupAndPipe(Message::src, window -> window.buffer(WINDOW).map(SpeedEnforcement::average)));

        Element<Message<Double>, Message<Double>> penalty = loop.plan("penalty",
                (Message<Double> average, Output<Message<Double>> out, Element<Message<Double>, Message<Double>> self) -> {
                    int threshold = self.property("speed_threshold");
                    double delta = average.value() - threshold;
                    String seen = String.format(Locale.ROOT, "%s average %.1f km/h over %d samples", average.src(),
                            average.value(), WINDOW);
                    if (delta > threshold * 0.6) {
                        console.trace(loop.uid(), seen + ": more than 60% over " + threshold + ", speed limit 0 km/h");
                        out.next(average.derive(0.0));
                    } else if (delta > threshold * 0.3) {
                        console.trace(loop.uid(), seen + ": more than 30% over " + threshold + ", speed limit 30 km/h");
                        out.next(average.derive(30.0));
                    } else {
                        console.trace(loop.uid(), seen + ": no penalty");
                    }
                });
        penalty.property("speed_threshold", SPEED_THRESHOLD);
        penalty.opsOut(MapeOps.router(app));

        avg.link(penalty);
        penalty.subscribe();
    }

    static Message<Double> average(List<Message<Double>> samples) {
        double sum = 0;
        for (Message<Double> m : samples) {
            sum += m.value();
        }
        return samples.get(0).derive(sum / samples.size());
    }

    private static VirtualCar carLoop(App app, VirtualCar car, Scheduler clock, Console console) {
        Loop loop = app.loop("car_" + car.uid());
        String execPath = loop.uid() + ".exec";

        Element<Map<String, Object>, Message<Double>> mon = loop.monitor("mon",
                (Map<String, Object> item, Output<Message<Double>> out) -> {
                    if (item.get("speed") instanceof Integer speed) {
                        out.next(Message.of(speed.doubleValue(), execPath));
                    }
                });
        mon.opsOut(up -> up.sample(SAMPLE_SECONDS, TimeUnit.SECONDS, clock));

        loop.execute("exec", (Message<Double> limit, Output<Void> out) -> {
            int kmh = (int) Math.round(limit.value());
            car.speedLimit(kmh);
            console.trace(loop.uid(), "speed limit set to " + kmh + " km/h (was driving at " + car.speed() + " km/h)");
        });

        mon.link(app.get("speed_enforcement.avg"));
        mon.start();
        car.onChange("speed", mon::onNext);
        app.manage(car.start(clock)::dispose);
        return car;
    }
}
