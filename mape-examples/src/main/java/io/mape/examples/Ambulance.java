package io.mape.examples;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Loop;
import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PyMAPE's first loop: an ambulance whose monitor {@code detect} reports an emergency, whose plan
 * {@code custom_policy} (only on changes) decides speed and siren, and whose executor {@code exec} applies them.
 */
public final class Ambulance implements Example {

    @Override
    public String name() {
        return "ambulance";
    }

    @Override
    public String description() {
        return "the first loop: detect -> custom_policy -> exec, pushes true, true, false";
    }

    @Override
    public void run(Options options, Console console) {
        try (App app = App.create(MapeConfig.defaults())) {
            Element<Boolean, Boolean> detect = build(app, console.out());
            detect.start();
            detect.onNext(true);
            detect.onNext(true);
            detect.onNext(false);
        }
    }

    /** Builds the loop in {@code app}, printing what the executor does to {@code out}; returns the monitor. */
    static Element<Boolean, Boolean> build(App app, PrintStream out) {
        Loop loop = app.loop("ambulance");

        Element<Boolean, Boolean> detect = loop.monitor("detect", (Boolean emergency, Output<Boolean> o) -> o.next(emergency));

        Element<Boolean, Map<String, Object>> policy = loop.plan("custom_policy",
                (Boolean emergency, Output<Map<String, Object>> o) -> {
                    Map<String, Object> actions = new LinkedHashMap<>();
                    actions.put("speed", emergency ? 180 : 80);
                    actions.put("siren", emergency);
                    o.next(actions);
                });
        policy.opsIn(Observable::distinctUntilChanged);

        Element<Map<String, Object>, Void> exec = loop.execute("exec", (Map<String, Object> actions, Output<Void> o) -> {
            if (actions.containsKey("speed")) {
                out.println("Speed: " + actions.get("speed") + " Km/h");
            }
            if (actions.containsKey("siren")) {
                out.println("Siren is " + (Boolean.TRUE.equals(actions.get("siren")) ? "ON" : "OFF"));
            }
        });

        detect.link(policy);
        policy.link(exec);
        return detect;
    }
}
