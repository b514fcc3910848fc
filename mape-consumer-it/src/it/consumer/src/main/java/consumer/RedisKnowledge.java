package consumer;

import io.mape.*;
import io.mape.annotation.*;
import io.mape.config.*;
import io.mape.knowledge.*;
import io.mape.remote.redis.*;
import io.reactivex.rxjava3.core.*;
import java.time.*;
import java.util.List;
import java.util.concurrent.*;

/** A loop whose Knowledge lives in Redis: the URL is the first argument. */
public class RedisKnowledge {
    public static void main(String[] args) {
        BlockingQueue<Integer> limits = new LinkedBlockingQueue<>();
        try (App app = App.builder()
                .config(MapeConfig.builder().redisUrl(args[0]).build())
                .knowledge(a -> RedisRemote.of(a).knowledge())
                .build()) {
            Loop car = app.loop("car_a");
            Knowledge k = car.k();
            Element<Integer, Integer> limit = car.monitor("limit", (Integer kmh, Output<Integer> out) -> {
                k.put("speed_limit", kmh);
                out.next(k.get("speed_limit", Integer.class));
            });
            limit.subscribe(limits::add);
            KMap<Integer> fleet = k.map("fleet", Integer.class);
            fleet.put("car_b", 120);
            limit.start();
            Observable.just(80, 90).subscribe(limit);
            Examples.expect(limits, List.of(80, 90));
            Integer carB = fleet.get("car_b");
            if (carB == null || carB != 120) {
                throw new IllegalStateException("fleet.car_b: expected 120, read " + carB);
            }
            KLock lock = k.lock("route");
            if (!lock.tryLock(Duration.ofSeconds(1), Duration.ofSeconds(30))) {
                throw new IllegalStateException("lock 'route' not taken");
            }
            lock.unlock();
        }
    }
}
