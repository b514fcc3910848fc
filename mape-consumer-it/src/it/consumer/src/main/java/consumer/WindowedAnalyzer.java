package consumer;

import io.mape.*;
import io.reactivex.rxjava3.core.*;
import java.util.List;
import java.util.concurrent.*;

/** An analyzer whose input pipe turns speeds into sliding windows of three, averaged by its body. */
public class WindowedAnalyzer {
    public static void main(String[] args) {
        BlockingQueue<Double> averages = new LinkedBlockingQueue<>();
        try (App app = App.create()) {
            Loop loop = app.loop("car");
            Element<Integer, Integer> speed = loop.monitor("speed", (Integer kmh, Output<Integer> out) -> out.next(kmh));
            Element<Integer, Double> window = loop.analyze("window",
                    (Observable<Integer> in) -> in.buffer(3, 1),
                    (List<Integer> w, Output<Double> out) -> {
                        if (w.size() == 3) {
                            out.next(w.stream().mapToInt(x -> x).average().orElse(0));
                        }
                    });
            window.subscribe(averages::add);
            speed.link(window);
            speed.start();
            List.of(30, 60, 90, 120).forEach(speed::onNext);
        }
        Examples.expect(averages, List.of(60.0, 90.0));
    }
}
