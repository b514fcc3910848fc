package consumer;

import io.mape.*;
import io.mape.annotation.*;
import io.reactivex.rxjava3.core.*;
import java.util.List;
import java.util.concurrent.*;

/** A loop of annotated methods, linked by name in the annotations: no casts, no link calls. */
public class AnnotatedLoop {

    static final BlockingQueue<Integer> SPEEDS = new LinkedBlockingQueue<>();

    static class Ambulance {
        @MonitorMethod(to = "custom_policy")
        void detect(Boolean emergency, Output<Boolean> out) {
            out.next(emergency);
        }

        @PlanMethod(uid = "custom_policy", to = "exec", opsIn = "onlyChanges")
        Integer policy(Boolean emergency) {
            return emergency ? 180 : 80;
        }

        ObservableTransformer<Boolean, Boolean> onlyChanges() {
            return Observable::distinctUntilChanged;
        }

        @ExecuteMethod
        void exec(Integer speed) {
            SPEEDS.add(speed);
        }
    }

    public static void main(String[] args) {
        try (App app = App.create()) {
            Loop loop = app.loop("ambulance");
            loop.register(new Ambulance());
            Element<Boolean, Boolean> detect = loop.element("detect", Boolean.class, Boolean.class);
            detect.start();
            detect.onNext(true);
            detect.onNext(true);
            detect.onNext(false);
        }
        Examples.expect(SPEEDS, List.of(180, 80));
    }
}
