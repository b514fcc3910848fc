package io.mape.examples.coordinated;

import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.examples.Console;
import io.mape.examples.Example;
import io.mape.examples.LivePages;
import io.mape.examples.Option;
import io.mape.examples.Options;
import io.mape.examples.Scenario;
import io.mape.examples.sim.VirtualAmbulance;
import io.mape.examples.sim.VirtualCar;
import io.mape.remote.InProcessHub;
import io.mape.remote.InProcessTransport;
import io.mape.remote.Transport;
import io.reactivex.rxjava3.core.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Coordinated control: the ambulance and the cars of PyMAPE's coordinated examples, each device in its own App,
 * linked by a {@link io.mape.remote.Transport}: in-process by default, where the peers run in this JVM; over Redis
 * or REST with the remote options, where this process is one device (see {@code DeviceRun}). {@code --name} and {@code --speed} set this device (the ambulance
 * for {@code coordinated-ambulance}, a car for the others); the peers it would reach over Redis or REST (the
 * ambulance, and the cars Veyron 380, Countach 240, Panda 90 km/h) run beside it. A step is 1 s; cars adjust their
 * speed every 2 to 4 s. Commands: {@code emergency on|off [NAME|all]} (PyMAPE's F1/F2 on a device; the default is
 * this device).
 */
public final class CoordinatedExample implements Example {

    static final long EMERGENCY_ON_AT = 20;
    static final long EMERGENCY_OFF_AT = 100;
    static final long STEPS = 180;
    private static final long STATUS_SECONDS = 20;
    private static final Map<String, Integer> PEER_CARS = Map.of("Veyron", 380, "Countach", 240, "Panda", 90);
    private static final List<String> PEER_ORDER = List.of("Veyron", "Countach", "Panda");

    private final String name;
    private final String description;
    private final CarDevice.Variant variant;
    private final boolean ambulanceHere;
    private final String defaultName;
    private final int defaultSpeed;

    private CoordinatedExample(String name, String description, CarDevice.Variant variant, boolean ambulanceHere,
                               String defaultName, int defaultSpeed) {
        this.name = name;
        this.description = description;
        this.variant = variant;
        this.ambulanceHere = ambulanceHere;
        this.defaultName = defaultName;
        this.defaultSpeed = defaultSpeed;
    }

    /** {@code coordinated-ambulance}: this device is the ambulance; script: Panda detects an emergency. */
    public static CoordinatedExample ambulance() {
        return new CoordinatedExample("coordinated-ambulance",
                "coordinated control, ambulance side: ambulance_emergency hears car_*_safety.emergency_detect",
                CarDevice.Variant.PLAIN, true, "Ambulance", 80);
    }

    /** {@code coordinated-car}: this device is a car; script: it detects an emergency. */
    public static CoordinatedExample car() {
        return new CoordinatedExample("coordinated-car",
                "coordinated control, car side: car_<name>_safety slows every car in an emergency",
                CarDevice.Variant.PLAIN, false, "Panda", 90);
    }

    /** {@code coordinated-car-with-message}: as {@link #car()}, the analyzers exchanging Messages. */
    public static CoordinatedExample carWithMessage() {
        return new CoordinatedExample("coordinated-car-with-message",
                "coordinated control with Messages: a car slows when 2 other cars report an emergency",
                CarDevice.Variant.MESSAGE, false, "Panda", 90);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Option<?>> options() {
        List<Option<?>> options = new ArrayList<>(List.of(Options.NAME.withDefault(defaultName),
                Options.SPEED.withDefault((long) defaultSpeed), Options.STEPS.withDefault(STEPS), Options.SEED,
                Options.INTERACTIVE, Options.TICK, Options.DURATION, Options.UI));
        options.addAll(ambulanceHere ? DeviceRun.AMBULANCE_OPTIONS : DeviceRun.CAR_OPTIONS);
        return options;
    }

    @Override
    public void run(Options options, Console console) throws Exception {
        if (DeviceRun.isDistributed(options)) {
            new DeviceRun(this, options, console).run();
            return;
        }
        String here = options.get(Options.NAME);
        Scenario scenario = new Scenario(Duration.ofSeconds(1));
        InProcessHub hub = InProcessHub.create();
        try (Devices devices = build(here, Math.toIntExact(options.get(Options.SPEED)), scenario.clock(),
                new Random(options.get(Options.SEED)), app -> InProcessTransport.builder(app).hub(hub).build(),
                console)) {
            LivePages.serve(options, console, devices.apps());
            commands(scenario, devices, here, console);
            scenario.at(EMERGENCY_ON_AT, ambulanceHere ? "emergency on " + devices.cars().get(devices.cars().size() - 1) : "emergency on");
            if (variant == CarDevice.Variant.MESSAGE) {
                scenario.at(EMERGENCY_ON_AT + 20, "emergency on " + devices.cars().stream()
                        .filter(c -> !c.equals(here)).findFirst().orElseThrow());
            }
            scenario.at(EMERGENCY_OFF_AT, "emergency off all");
            scenario.run(options, console);
        }
    }

    /**
     * The devices of the system: this one ({@code here}, at {@code speed}) and its peers, each in its own App with the
     * transport {@code transports} makes for it, their vehicles driving on {@code clock}.
     */
    Devices build(String here, int speed, Scheduler clock, Random random, Function<App, Transport> transports,
                  Console console) {
        Map<String, VirtualCar> vehicles = new LinkedHashMap<>();
        List<App> apps = new ArrayList<>();
        VirtualAmbulance ambulance = new VirtualAmbulance(ambulanceHere ? here : "Ambulance",
                ambulanceHere ? speed : 80, random);
        vehicles.put(ambulance.uid(), ambulance);
        apps.add(device(clock, ambulance, app -> AmbulanceDevice.build(app, ambulance, DeviceLinks.of(transports.apply(app)), console, null)));
        List<String> cars = new ArrayList<>(PEER_ORDER);
        if (!ambulanceHere && !cars.contains(here)) {
            cars.add(here);
        }
        for (String c : cars) {
            if (vehicles.containsKey(c)) {
                throw new IllegalArgumentException("two devices named " + c);
            }
            VirtualCar car = new VirtualCar(c, !ambulanceHere && c.equals(here) ? speed : PEER_CARS.get(c), random);
            vehicles.put(c, car);
            apps.add(device(clock, car, app -> CarDevice.build(app, car, variant, DeviceLinks.of(transports.apply(app)), console, null)));
        }
        return new Devices(vehicles, cars, apps);
    }

    /** Whether this device is the ambulance. */
    boolean ambulanceHere() {
        return ambulanceHere;
    }

    /** Which car program. */
    CarDevice.Variant variant() {
        return variant;
    }

    /** The commands a device takes, and the periodic look at the vehicles. */
    static void commands(Scenario scenario, Devices devices, String here, Console console) {
        scenario.command("emergency", "emergency on|off [NAME|all]", args -> devices.emergency(args, here));
        scenario.clock().schedulePeriodicallyDirect(() -> console.trace("sim", devices.status(scenario.seconds())),
                STATUS_SECONDS, STATUS_SECONDS, TimeUnit.SECONDS);
    }

    /** A device: its own App (with its own in-memory Knowledge), its loops, its vehicle driving on {@code clock}. */
    private static App device(Scheduler clock, VirtualCar vehicle, Consumer<App> loops) {
        App app = App.create(MapeConfig.defaults());
        loops.accept(app);
        app.manage(vehicle.start(clock)::dispose);
        return app;
    }

    /** The running devices: their vehicles by name, and their Apps, closed together. */
    record Devices(Map<String, VirtualCar> vehicles, List<String> cars, List<App> apps) implements AutoCloseable {

        void emergency(List<String> args, String here) {
            if (args.isEmpty() || args.size() > 2 || !List.of("on", "off").contains(args.get(0).toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("expected on or off, then a device");
            }
            boolean on = args.get(0).equalsIgnoreCase("on");
            String target = args.size() == 2 ? args.get(1) : here;
            if (target.equals("all")) {
                vehicles.values().forEach(v -> v.emergencyDetect(on));
            } else if (vehicles.containsKey(target)) {
                vehicles.get(target).emergencyDetect(on);
            } else {
                throw new IllegalArgumentException("no device '" + target + "' (devices: "
                        + String.join(", ", vehicles.keySet()) + ", all)");
            }
        }

        String status(double seconds) {
            return String.format(Locale.ROOT, "%.0f s: ", seconds) + vehicles.values().stream()
                    .map(VirtualCar::toString).collect(Collectors.joining(", "));
        }

        @Override
        public void close() {
            apps.forEach(App::close);
        }
    }
}
