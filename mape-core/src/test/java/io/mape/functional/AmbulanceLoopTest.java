package io.mape.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Loop;
import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PyMAPE's tutorial loop, whole: detect → custom_policy → exec. */
class AmbulanceLoopTest {

    private final App app = App.create(MapeConfig.defaults());
    private final List<String> printed = new ArrayList<>();

    @AfterEach
    void close() {
        app.close();
    }

    private Element<Boolean, Boolean> ambulance(boolean onlyChanges) {
        Loop loop = app.loop("ambulance");
        Element<Boolean, Boolean> detect = loop.monitor("detect", (Boolean e, Output<Boolean> out) -> out.next(e));
        Element<Boolean, Map<String, Object>> policy = loop.plan("custom_policy", (Boolean emergency, Output<Map<String, Object>> out) -> {
            Map<String, Object> actions = new LinkedHashMap<>();
            actions.put("speed", emergency ? 180 : 80);
            actions.put("siren", emergency);
            out.next(actions);
        });
        if (onlyChanges) {
            policy.opsIn(Observable::distinctUntilChanged);
        }
        Element<Map<String, Object>, Void> exec = loop.execute("exec", (Map<String, Object> a, Output<Void> out) -> {
            printed.add("Speed: " + a.get("speed") + " Km/h");
            printed.add("Siren is " + ((Boolean) a.get("siren") ? "ON" : "OFF"));
        });
        detect.link(policy);
        policy.link(exec);
        detect.start();
        return detect;
    }

    @Test
    void withDistinctUntilChangedEachDecisionOnce() {
        Element<Boolean, Boolean> detect = ambulance(true);

        detect.onNext(true);
        detect.onNext(true);
        detect.onNext(false);

        assertThat(printed).containsExactly("Speed: 180 Km/h", "Siren is ON", "Speed: 80 Km/h", "Siren is OFF");
    }

    @Test
    void withoutItEveryDetectionActs() {
        Element<Boolean, Boolean> detect = ambulance(false);

        detect.onNext(true);
        detect.onNext(true);
        detect.onNext(false);

        assertThat(printed).containsExactly("Speed: 180 Km/h", "Siren is ON", "Speed: 180 Km/h", "Siren is ON",
                "Speed: 80 Km/h", "Siren is OFF");
        assertThat(app.<Element<?, ?>>get("ambulance.custom_policy").stats().itemsIn()).isEqualTo(3);
    }
}
