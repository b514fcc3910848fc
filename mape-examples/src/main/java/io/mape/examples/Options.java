package io.mape.examples;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line of an example, and the options the examples share. Each example lists the options it
 * takes ({@link Example#options()}); anything else is a {@link UsageException}. The remote options ({@code --redis},
 * {@code --rest}, {@code --ambulance}, {@code --cars}, {@code --influx...}) make an example that takes them run
 * distributed: this device only, in real time, linked to the others over Redis or REST.
 */
public final class Options {

    /** How many steps the run lasts; an interactive run without it lasts until {@code quit}. */
    public static final Option<Long> STEPS = Option.number("--steps", "N", 1, 10_000_000, null,
            "how many steps the run lasts");
    /** Seed of the simulators' random numbers: the same seed gives the same run. */
    public static final Option<Long> SEED = Option.number("--seed", "N", Long.MIN_VALUE, Long.MAX_VALUE, 1L,
            "seed of the simulated systems' random numbers");
    /** Read commands from stdin, step in real time, instead of the scripted scenario. */
    public static final Option<Boolean> INTERACTIVE = Option.flag("--interactive",
            "read commands from stdin (type 'help'), instead of the scripted scenario");
    /** Serve each App's live page and step the scripted run in real time, to watch it. */
    public static final Option<Boolean> UI = Option.flag("--ui",
            "serve each App's live page (a REST server on a free loopback port; its URL is printed) and step the "
            + "scripted run in real time (--tick) to watch it");
    /** Real milliseconds per step in an interactive run. */
    public static final Option<Long> TICK = Option.number("--tick", "MILLIS", 0, 60_000, null,
            "real milliseconds per step with --interactive or --ui (default: the step's simulated length)");
    /** The name of this device (a car, the ambulance, a carriageway). */
    public static final Option<String> NAME = Option.name("--name", "NAME", null, "name of this device");
    /** The initial speed of this device, in km/h. */
    public static final Option<Long> SPEED = Option.number("--speed", "KMH", 0, 1000, null,
            "initial speed of this device in km/h");

    /** Wall-clock limit of an interactive or distributed run, in seconds. */
    public static final Option<Long> DURATION = Option.number("--duration", "SECONDS", 1, 31_536_000, null,
            "wall-clock seconds an interactive or distributed run lasts at most");
    /** Redis to talk over (pub/sub on the loops' channel names). */
    public static final Option<URI> REDIS = Option.url("--redis", Set.of("redis", "rediss"),
            "redis://127.0.0.1:6379", "Redis to link the devices over, with PyMAPE's channel names");
    /** Where this device's REST API listens. */
    public static final Option<HostPort> REST = Option.hostPort("--rest", 0,
            "where this device's REST API listens (port 0: a free one)");
    /** Where the ambulance's REST API listens; a car POSTs its emergencies there. */
    public static final Option<HostPort> AMBULANCE = Option.hostPort("--ambulance", 1,
            "REST API of the ambulance, which a car POSTs its emergencies to");
    /** The other cars' REST APIs and names. */
    public static final Option<List<Peer>> CARS = Option.list("--cars", "HOST:PORT/NAME",
            value -> Peer.parse("--cars", value), "REST APIs of the other cars, which a car POSTs to");
    /** The InfluxDB 2 (or write-compatible) server the {@code push_to_influx} elements write to. */
    public static final Option<URI> INFLUX = Option.url("--influx", Set.of("http", "https"),
            "http://127.0.0.1:8086", "InfluxDB 2 to write the time series to (or a server taking its writes)");
    /** Token of the InfluxDB server; else {@code influxdb.token} of mape.yml or MAPE_INFLUXDB_TOKEN. */
    public static final Option<String> INFLUX_TOKEN = Option.text("--influx-token", "TOKEN",
            "InfluxDB token (default: influxdb.token of mape.yml, MAPE_INFLUXDB_TOKEN)");
    /** Organization of the InfluxDB server; else the configuration's. */
    public static final Option<String> INFLUX_ORG = Option.text("--influx-org", "ORG",
            "InfluxDB organization (default: influxdb.org of mape.yml, MAPE_INFLUXDB_ORG)");
    /** Bucket of the InfluxDB server; else the configuration's. */
    public static final Option<String> INFLUX_BUCKET = Option.text("--influx-bucket", "BUCKET",
            "InfluxDB bucket (default: influxdb.bucket of mape.yml, MAPE_INFLUXDB_BUCKET)");

    private final Map<String, Option<?>> known;
    private final Map<String, Object> values;

    private Options(Map<String, Option<?>> known, Map<String, Object> values) {
        this.known = known;
        this.values = values;
    }

    /**
     * Parses {@code args}: {@code --name value}, {@code --name=value} and flags, each at most once.
     *
     * @throws UsageException naming the argument that is wrong and what was expected
     */
    public static Options parse(List<String> args, List<Option<?>> options) throws UsageException {
        Map<String, Option<?>> known = new LinkedHashMap<>();
        options.forEach(o -> known.put(o.name(), o));
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'; options start with --");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            Option<?> option = known.get(name);
            if (option == null) {
                throw new UsageException("unknown option '" + name + "'"
                        + (known.isEmpty() ? "; this example takes none" : "; options: " + String.join(", ", known.keySet())));
            }
            if (values.containsKey(name)) {
                throw new UsageException(name + " is given twice");
            }
            if (option.isFlag()) {
                if (eq >= 0) {
                    throw new UsageException(name + " takes no value");
                }
                values.put(name, true);
                continue;
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (option.takesMany() && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                List<String> words = new ArrayList<>();
                while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    words.add(args.get(++i));
                }
                value = String.join(",", words);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException(name + " needs a value: " + option.usage().trim());
            }
            values.put(name, option.parse(value));
        }
        return new Options(known, values);
    }

    /** The value given for {@code option}, else the default of the option as the example declared it. */
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        Option<?> declared = known.get(option.name());
        if (declared == null) {
            throw new IllegalArgumentException(option + " is not an option of this example");
        }
        Object v = values.get(option.name());
        return v != null ? (T) v : (T) declared.defaultValue();
    }

    /** Whether {@code option} was on the command line. */
    public boolean given(Option<?> option) {
        return values.containsKey(option.name());
    }
}
