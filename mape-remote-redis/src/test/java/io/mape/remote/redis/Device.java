package io.mape.remote.redis;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Loop;
import io.mape.Message;
import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import io.mape.remote.Transport;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One device of {@link TwoDevicesIT}, run in its own JVM: {@code station URL} or {@code car NAME URL}. Prints what it
 * receives on stdout, one line each.
 *
 * <ul>
 *   <li>A car's monitor {@code car_NAME.detect} emits 0, 1, 2, ... every 50 ms to channel {@code car_NAME.detect};
 *       its executor takes the acknowledgements of channel {@code station.ack} meant for it, prints
 *       {@code ACK ...}, and the car exits after five.</li>
 *   <li>The station's {@code station.collect} takes every car's detect with the pattern {@code car_*.detect} (as
 *       Messages, whose src names the car), prints {@code GOT src value}, and acknowledges to {@code station.ack}.
 *       It prints {@code READY} once subscribed and exits when its stdin closes.</li>
 * </ul>
 */
public final class Device {

    private Device() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("station")) {
            station(args[1]);
        } else {
            car(args[1], args[2]);
        }
    }

    private static void station(String url) throws IOException {
        try (App app = App.create(MapeConfig.builder().redisUrl(url).build())) {
            Transport redis = RedisTransport.builder(app).build();
            Loop loop = app.loop("station");
            Element<Message<Integer>, String> collect = loop.analyze("collect",
                    (Message<Integer> m, Output<String> out) -> {
                        System.out.println("GOT " + m.src() + " " + m.value());
                        out.next(m.src() + ":" + m.value());
                    });
            collect.link(redis.sink("station.ack"));
            redis.source("car_*.detect", collect).ready().blockingAwait(30, TimeUnit.SECONDS);
            System.out.println("READY");
            while (System.in.read() >= 0) {
                // runs until the test closes stdin
            }
        }
    }

    private static void car(String name, String url) throws InterruptedException {
        CountDownLatch acks = new CountDownLatch(5);
        String channel = "car_" + name + ".detect";
        try (App app = App.create(MapeConfig.builder().redisUrl(url).build())) {
            Transport redis = RedisTransport.builder(app).build();
            Loop loop = app.loop("car_" + name);
            Element<Integer, Message<Integer>> detect = loop.monitor("detect",
                    (Integer i, Output<Message<Integer>> out) -> out.next(Message.of(i)));
            Element<String, Void> exec = loop.execute("exec", (String ack, Output<Void> out) -> {
                if (ack.startsWith(channel + ":")) {
                    System.out.println("ACK " + ack);
                    acks.countDown();
                }
            });
            redis.sink(detect);
            redis.source("station.ack", exec);
            detect.start();
            Observable.interval(50, TimeUnit.MILLISECONDS).map(Long::intValue).subscribe(detect);
            if (!acks.await(60, TimeUnit.SECONDS)) {
                System.out.println("TIMEOUT");
                System.exit(2);
            }
        }
    }
}
