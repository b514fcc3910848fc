package io.mape.remote.rest;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Loop;
import io.mape.config.MapeConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A car, run as its own JVM by {@link TwoProcessesIT}: its monitor {@code car_a_safety.emergency_detect} (fed over
 * its own REST API) posts to the ambulance's {@code ambulance_emergency.emergency_policy}, and its executor
 * {@code car_a_safety.exec} prints what the ambulance tells it. Prints {@code READY <url>} once listening, and closes
 * its App when its standard input ends.
 */
public final class CarProcess {

    private CarProcess() {
    }

    public static void main(String[] args) throws IOException {
        String ambulanceUrl = args[0];
        try (App app = App.create(MapeConfig.builder().restPort(0).build())) {
            Loop loop = app.loop("car_a_safety");
            Element<Boolean, Boolean> detect = loop.monitor("emergency_detect",
                    (Boolean emergency, Output<Boolean> o) -> o.next(emergency));
            loop.execute("exec", (Map<String, Object> order, Output<Void> o) -> System.out.println("EXEC " + order));
            detect.link(PostObserver.builder(ambulanceUrl, "ambulance_emergency.emergency_policy").build(app));
            detect.start();
            RestServer server = RestServer.builder(app).noToken().build();
            System.out.println("READY " + server.uri());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // runs until the parent closes our standard input
            }
        }
        System.out.println("CLOSED");
    }
}
