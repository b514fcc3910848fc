package io.mape.examples.highway;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Loop;
import io.mape.Message;
import io.mape.config.MapeConfig;
import io.mape.examples.Console;
import io.mape.examples.Example;
import io.mape.examples.InfluxSinks;
import io.mape.examples.LivePages;
import io.mape.examples.Option;
import io.mape.examples.Options;
import io.mape.examples.Scenario;
import io.mape.examples.UsageException;
import io.mape.examples.sim.VirtualCarGenerator;
import io.mape.knowledge.InMemoryKnowledgeBackend;
import io.mape.knowledge.KLock;
import io.mape.knowledge.KSet;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.KnowledgeException;
import io.mape.knowledge.spi.KnowledgeBackend;
import io.reactivex.rxjava3.core.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Regional planning (PyMAPE's {@code regional-planning-dynamic-highway.py}). Each carriageway ({@code up},
 * {@code down}) runs in its own App, as PyMAPE runs one process each, over one shared Knowledge (PyMAPE shares a
 * Redis): loop {@code carriageway_<x>} with the plan {@code lanes}, and a loop {@code lane_<n>} per lane with
 * {@code car_mon -> cars_store} and {@code set_lane}. {@code cars_store} adds or removes the car in the App
 * Knowledge set {@code carriageway_<x>_cars} under a Knowledge lock; each {@code sadd}/{@code srem} notifies both
 * {@code lanes} plans, which share the lanes in proportion to the cars and route the new count to a
 * {@code set_lane}, which sets the lanes of the car generator. A step is 1 s; by default cars enter and leave at
 * random every 4 s (PyMAPE's auto generation); interactively, {@code add}/{@code remove} do it by hand.
 */
public final class DynamicHighway implements Example {

    static final Option<String> SIDE = Option.choice("--name", List.of("up", "down"), "up",
            "the carriageway that add/remove act on by default");
    static final Option<Long> LANES = Option.number("--lanes", "N", 1, 16, 4L,
            "lanes per carriageway, shared by both in proportion to their cars");
    private static final Duration LOCK_WAIT = Duration.ofSeconds(5);
    private static final Duration LOCK_LEASE = Duration.ofSeconds(5);
    /** The measurement of its time series. */
    public static final String MEASUREMENT = "dynamic-highway";

    @Override
    public String name() {
        return "dynamic-highway";
    }

    @Override
    public String description() {
        return "regional planning: carriageway_up/down share lanes by their car counts in App Knowledge";
    }

    @Override
    public List<Option<?>> options() {
        List<Option<?>> options = new ArrayList<>(List.of(SIDE, LANES, Options.STEPS.withDefault(120L), Options.SEED,
                Options.INTERACTIVE, Options.TICK, Options.DURATION, Options.UI));
        options.addAll(InfluxSinks.OPTIONS);
        return options;
    }

    @Override
    public void run(Options options, Console console) throws InterruptedException, UsageException {
        Scenario scenario = new Scenario(Duration.ofSeconds(1));
        Random random = new Random(options.get(Options.SEED));
        int lanes = Math.toIntExact(options.get(LANES));
        try (Highway highway = build(scenario.clock(), lanes, random, console)) {
            LivePages.serve(options, console, highway.apps());
            InfluxSinks influx = InfluxSinks.of(options, scenario.clock());
            if (influx != null) {
                timeSeries(highway, lanes, influx);
            }
            if (!options.get(Options.INTERACTIVE)) {
                highway.generators().values().forEach(g -> highway.apps().get(0).manage(g.start(scenario.clock())::dispose));
            }
            String here = options.get(SIDE);
            scenario.command("add", "add [COUNT] [up|down]", args -> carsOf(highway, args, here, true))
                    .command("remove", "remove [COUNT] [up|down]", args -> carsOf(highway, args, here, false));
            scenario.run(options, console);
            highway.generators().forEach((carriageway, g) -> console.trace(carriageway, "end: " + g.cars().size()
                    + " cars on " + g.lanes() + " lanes"));
        }
    }

    /**
     * PyMAPE's InfluxObservers: each lane's car count of its carriageway ({@code type=cars_carriageway_<x>}) and the
     * lanes each carriageway was given ({@code type=lanes}, as its {@code set_lane} executors set them: the plan's
     * own output is routed to them), in measurement {@code dynamic-highway}.
     */
    static void timeSeries(Highway highway, int lanes, InfluxSinks influx) throws UsageException {
        for (App app : highway.apps()) {
            String carriageway = carriageway(app);
            for (int n = 0; n < lanes; n++) {
                Element<?, Long> cars = app.get("lane_" + n + ".cars_store");
                influx.link(app, cars, MEASUREMENT, Map.of("type", "cars_" + carriageway, "lane", String.valueOf(n)));
                Element<?, Integer> set = app.get("lane_" + n + ".set_lane");
                influx.link(app, set, MEASUREMENT, Map.of("type", "lanes", "carriageway", carriageway));
            }
        }
    }

    /** The uid of the one carriageway loop of a carriageway's App. */
    private static String carriageway(App app) {
        return app.loops().stream().map(Loop::uid).filter(uid -> uid.startsWith("carriageway_")).findFirst()
                .orElseThrow();
    }

    private static void carsOf(Highway highway, List<String> args, String here, boolean add) {
        int count = 1;
        String side = here;
        for (String a : args) {
            if (a.matches("\\d{1,3}")) {
                count = Integer.parseInt(a);
            } else if (a.equals("up") || a.equals("down")) {
                side = a;
            } else {
                throw new IllegalArgumentException("'" + a + "' is neither a count nor up or down");
            }
        }
        VirtualCarGenerator g = highway.generators().get("carriageway_" + side);
        if (add) {
            g.addRandomCars(count);
        } else {
            g.removeRandomCars(count);
        }
    }

    /**
     * Both carriageways, their Apps and the Knowledge backend they share. An App closes its backend when it closes,
     * so the first App closed ends the Knowledge of both: they are closed together.
     */
    record Highway(Map<String, VirtualCarGenerator> generators, List<App> apps, KnowledgeBackend knowledge)
            implements AutoCloseable {

        @Override
        public void close() {
            apps.forEach(App::close);
            knowledge.close();
        }
    }

    /**
     * Builds both carriageways with {@code lanes} lanes each; Knowledge change events are delivered on
     * {@code clock}, so a run is deterministic.
     */
    static Highway build(Scheduler clock, int lanes, Random random, Console console) {
        InMemoryKnowledgeBackend knowledge = InMemoryKnowledgeBackend.builder().eventScheduler(clock).build();
        Map<String, VirtualCarGenerator> generators = new LinkedHashMap<>();
        App up = carriageway("up", lanes, knowledge, random, generators, console);
        App down = carriageway("down", lanes, knowledge, random, generators, console);
        return new Highway(generators, List.of(up, down), knowledge);
    }

    private static App carriageway(String name, int countLanes, KnowledgeBackend knowledge, Random random,
                                   Map<String, VirtualCarGenerator> generators, Console console) {
        App app = App.builder().config(MapeConfig.defaults()).knowledge(knowledge).build();
        Knowledge k = app.k();
        String opposite = "carriageway_" + (name.equals("down") ? "up" : "down");
        Loop loop = app.loop("carriageway_" + name);

        Lanes lanes = loop.add(new Lanes(app, k, loop.uid(), opposite, countLanes, console));
        lanes.subscribe();
        k.changes("carriageway_*_cars", "sadd", "srem").subscribe(lanes);

        KSet<String> cars = k.set(loop.uid() + "_cars", String.class);
        cars.clear();
        VirtualCarGenerator generator = new VirtualCarGenerator(loop.uid(), countLanes, random);
        generators.put(loop.uid(), generator);
        for (int number = 0; number < countLanes; number++) {
            lane(app, number, k, cars, generator, console);
        }
        return app;
    }

    /** A car entering or leaving: PyMAPE's {@code Car} item. */
    record Car(String name, String action) {
    }

    private static void lane(App app, int number, Knowledge k, KSet<String> cars, VirtualCarGenerator generator,
                             Console console) {
        Loop loop = app.loop("lane_" + number);

        Element<Map<String, Object>, Car> carMon = loop.monitor("car_mon",
                (Map<String, Object> item, Output<Car> out) -> {
                    String action = item.keySet().iterator().next();
                    out.next(new Car((String) item.get(action), action));
                });

        KLock lock = k.lock(cars.name() + "_lock");
        Element<Car, Long> carsStore = loop.analyze("cars_store", (Car car, Output<Long> out) -> {
            if (!lock.tryLock(LOCK_WAIT, LOCK_LEASE)) {
                throw new KnowledgeException("no lock on " + cars.name() + " within " + LOCK_WAIT);
            }
            try {
                if (car.action().startsWith("enter")) {
                    cars.add(car.name());
                } else {
                    cars.remove(car.name());
                }
                out.next(cars.size());
            } finally {
                lock.unlock();
            }
        });

        loop.execute("set_lane", (Message<Integer> lanes, Output<Integer> out) -> {
            generator.lanes(lanes.value());
            console.trace(loop.uid(), generator.uid() + " now has " + lanes.value() + " lanes");
            out.next(lanes.value());
        });

        carMon.link(carsStore);
        carsStore.start();
        carMon.start();
        generator.onChange("enter_" + number, carMon::onNext);
        generator.onChange("exit_" + number, carMon::onNext);
    }
}
