package consumer;

import io.mape.*;
import io.mape.annotation.*;
import io.reactivex.rxjava3.core.*;
import java.util.List;
import java.util.concurrent.*;

/** The README's loop, as a user writes it. */
public class ReadmeLoop {
    public static void main(String[] args) {
        BlockingQueue<Integer> speeds = new LinkedBlockingQueue<>();
        try (App app = App.create()) {
            Loop loop = app.loop("ambulance");
            Element<Boolean, Boolean> detect = loop.monitor("detect", (Boolean emergency, Output<Boolean> out) -> out.next(emergency));
            Element<Boolean, Integer> policy = loop.plan("custom_policy", (Boolean emergency, Output<Integer> out) -> out.next(emergency ? 180 : 80))
                    .opsIn(Observable::distinctUntilChanged);
            Element<Integer, Void> exec = loop.execute("exec", (Integer speed, Output<Void> out) -> {
                System.out.println("Speed: " + speed + " Km/h");
                speeds.add(speed);
            });
            detect.link(policy);
            policy.link(exec);
            detect.start();
            detect.onNext(true);
            detect.onNext(true);
            detect.onNext(false);
        }
        Examples.expect(speeds, List.of(180, 80));
    }
}
