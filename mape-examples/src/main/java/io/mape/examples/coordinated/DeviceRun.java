package io.mape.examples.coordinated;

import io.mape.App;
import io.mape.Element;
import io.mape.Message;
import io.mape.config.ConfigException;
import io.mape.config.MapeConfig;
import io.mape.examples.Console;
import io.mape.examples.HostPort;
import io.mape.examples.InfluxSinks;
import io.mape.examples.LivePages;
import io.mape.examples.Option;
import io.mape.examples.Options;
import io.mape.examples.Peer;
import io.mape.examples.Scenario;
import io.mape.examples.StartupException;
import io.mape.examples.UsageException;
import io.mape.examples.sim.VirtualAmbulance;
import io.mape.examples.sim.VirtualCar;
import io.mape.remote.influx.InfluxObserver;
import io.mape.remote.InProcessTransport;
import io.mape.remote.Links;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.remote.redis.RedisTransport;
import io.reactivex.rxjava3.core.Completable;
import io.mape.remote.RemoteUnavailableException;
import io.mape.remote.rest.RestServer;
import io.mape.remote.rest.RestTransport;
import io.mape.remote.ChannelPattern;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Random;

/**
 * One device of the coordinated system in its own process, as PyMAPE runs it: this device's App only, linked to the
 * others over Redis ({@code --redis}) and/or REST ({@code --rest}, {@code --ambulance}, {@code --cars}), with the
 * time series written to InfluxDB ({@code --influx}). It runs in real time: the simulator is stepped by the wall
 * clock, commands come from stdin, and the run ends at {@code --steps}, {@code --duration}, {@code quit} or the end
 * of stdin. Items from the other devices are handed to the run's thread ({@link Scenario#inbox()}), so the vehicle
 * and the loops see one thread.
 */
final class DeviceRun {

    /** The remote options of the ambulance, as PyMAPE's {@code coordinated-ambulance.py} takes them. */
    static final List<Option<?>> AMBULANCE_OPTIONS = List.of(Options.REDIS, Options.REST, Options.INFLUX,
            Options.INFLUX_TOKEN, Options.INFLUX_ORG, Options.INFLUX_BUCKET);
    /** The remote options of a car: those of the ambulance, and where the ambulance and the other cars are. */
    static final List<Option<?>> CAR_OPTIONS = List.of(Options.REDIS, Options.REST, Options.AMBULANCE, Options.CARS,
            Options.INFLUX, Options.INFLUX_TOKEN, Options.INFLUX_ORG, Options.INFLUX_BUCKET);

    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

    private final CoordinatedExample example;
    private final Options options;
    private final Console console;

    DeviceRun(CoordinatedExample example, Options options, Console console) {
        this.example = example;
        this.options = options;
        this.console = console;
    }

    /** Whether the command line asks for one device linked to others, rather than the whole system in this JVM. */
    static boolean isDistributed(Options options) {
        return options.given(Options.REDIS) || options.given(Options.REST) || options.given(Options.INFLUX)
                || options.given(Options.AMBULANCE) || options.given(Options.CARS);
    }

    void run() throws UsageException, StartupException, InterruptedException {
        String here = options.get(Options.NAME);
        int speed = Math.toIntExact(options.get(Options.SPEED));
        Random random = new Random(options.get(Options.SEED));
        Scenario scenario = new Scenario(Duration.ofSeconds(1)).realTime();
        try (App app = App.create(config())) {
            DeviceLinks transport = transport(app, here);
            VirtualCar vehicle;
            String loop;
            if (example.ambulanceHere()) {
                VirtualAmbulance ambulance = new VirtualAmbulance(here, speed, random);
                AmbulanceDevice.build(app, ambulance, transport, console, scenario.inbox());
                vehicle = ambulance;
                loop = AmbulanceDevice.LOOP;
            } else {
                vehicle = new VirtualCar(here, speed, random);
                CarDevice.build(app, vehicle, example.variant(), transport, console, scenario.inbox());
                loop = CarDevice.loopUid(here);
            }
            influx(app, loop);
            app.manage(vehicle.start(scenario.clock())::dispose);
            List<String> links = new ArrayList<>(List.of(here, "links: " + transport.name()));
            if (options.given(Options.INFLUX)) {
                links.add("time series to " + options.get(Options.INFLUX));
            }
            awaitReceiving(app, transport);
            LivePages.serve(options, console, List.of(app));
            console.trace(loop, "ready: " + String.join("; ", links));
            CoordinatedExample.Devices devices = new CoordinatedExample.Devices(Map.of(here, vehicle),
                    example.ambulanceHere() ? List.of() : List.of(here), List.of(app));
            CoordinatedExample.commands(scenario, devices, here, console);
            scenario.run(options, console);
        }
    }

    private static MapeConfig config() throws UsageException {
        try {
            return MapeConfig.load();
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * PyMAPE's choice per destination: REST ({@link RestTransport}) for a channel with a peer ({@code --ambulance}
     * for {@code emergency_detect}, {@code --cars} for the analyzer), else Redis when {@code --redis} is given, else
     * nothing (an in-process transport of this App alone, which no other device reaches). With {@code --rest} the
     * device also hears what its REST API is pushed on the channels.
     */
    private DeviceLinks transport(App app, String here) throws StartupException {
        Transport redis;
        if (options.given(Options.REDIS)) {
            try {
                redis = RedisTransport.builder(app).url(options.get(Options.REDIS).toString()).build();
            } catch (RemoteUnavailableException e) {
                throw new StartupException(e.getMessage(), e);
            }
        } else {
            redis = InProcessTransport.builder(app).build();
        }
        List<String> viaRest = new ArrayList<>();
        RestTransport.Builder rest = RestTransport.builder(app);
        if (!example.ambulanceHere()) {
            if (options.given(Options.AMBULANCE)) {
                rest.peer(CarDevice.DETECT_CHANNELS, URI.create(options.get(Options.AMBULANCE).httpUrl()));
                viaRest.add(CarDevice.DETECT_CHANNELS);
            }
            for (Peer car : options.get(Options.CARS)) {
                if (!car.name().equals(here)) {
                    rest.peer(CarDevice.ANALYZER_CHANNELS, URI.create(car.address().httpUrl()));
                    viaRest.add(CarDevice.ANALYZER_CHANNELS);
                }
            }
        }
        if (!options.given(Options.REST) && viaRest.isEmpty()) {
            return DeviceLinks.of(redis);
        }
        Transport restTransport = rest.server(restServer(app)).build();
        List<ChannelPattern> patterns = viaRest.stream().distinct().map(ChannelPattern::of).toList();
        return new DeviceLinks(List.of(restTransport, redis),
                channel -> patterns.stream().anyMatch(p -> p.matches(channel)) ? restTransport : redis);
    }

    /** This device's REST API: at {@code --rest}, else on a free loopback port (to send only). */
    private RestServer restServer(App app) throws StartupException {
        HostPort address = options.given(Options.REST) ? options.get(Options.REST) : new HostPort("127.0.0.1", 0);
        try {
            return RestServer.builder(app).noToken().host(address.host()).port(address.port()).build();
        } catch (RemoteUnavailableException e) {
            throw new StartupException("cannot listen on " + address + " (--rest): " + e.getMessage(), e);
        }
    }

    /** PyMAPE's {@code InfluxObserver}s: every device's {@code push_to_influx}, and the ambulance's detector. */
    private void influx(App app, String loop) throws UsageException {
        if (!options.given(Options.INFLUX)) {
            return;
        }
        try {
            Element<?, Message<Common.Field>> push = app.get(loop + ".push_to_influx");
            push.link(this.<Message<Common.Field>>influx(app)
                    .fields(m -> Map.of(m.value().type(), m.value().value())).build());
            if (example.ambulanceHere()) {
                Element<?, Boolean> detect = app.get(loop + ".emergency_detect");
                detect.link(this.<Boolean>influx(app).measurement("coordinated-ambulance")
                        .tag("name", options.get(Options.NAME)).fields(emergency -> Map.of("emergency", emergency))
                        .build());
            }
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage() + " (on this command line: --influx-token, --influx-org, "
                    + "--influx-bucket)");
        }
    }

    private <T> InfluxObserver.Builder<T> influx(App app) {
        return InfluxSinks.builder(options, app);
    }

    /** Waits until the App's sources hear what the others send; one that does not is a start-up failure. */
    private static void awaitReceiving(App app, DeviceLinks transport) throws StartupException {
        List<Completable> ready = Links.of(app).list().stream().filter(Source.class::isInstance)
                .map(l -> ((Source<?>) l).ready()).toList();
        if (!Completable.merge(ready).blockingAwait(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new StartupException(transport.name() + " did not confirm the subscriptions within "
                    + SUBSCRIBE_TIMEOUT.toSeconds() + " s", null);
        }
    }
}
