package io.mape.remote.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mape.App;
import io.mape.Element;
import io.mape.Loop;
import io.mape.MapeOps;
import io.mape.Output;
import io.mape.leader.Fenced;
import io.mape.leader.LeaderOps;
import io.mape.leader.LeaseOptions;
import io.mape.leader.Leadership;
import io.reactivex.rxjava3.core.Observable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One candidate master of {@link LeadershipIT}, run as its own JVM: a speed-enforcement master (readings of three
 * cars every 50 ms, an average per car over windows of 2, a fine above 100 km/h) whose fines are stamped with the
 * term's fencing token and recorded by a fenced effector in a second Redis, {@code <token> <owner> <n>} on list
 * {@code actions}: the effector refuses (and counts in {@code refused}) a token lower than the highest it saw.
 * Arguments: lease Redis URL, effector Redis URL, owner, ttl in ms. Prints {@code ready}, then {@code leader <token>}
 * or {@code follower} on each change. Runs until killed.
 */
public final class LeaderNode {

    static final String LEASE = "speed_enforcement:master";

    private static final String RECORD = """
            local seen = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tonumber(ARGV[1]) < seen then
              redis.call('INCR', KEYS[3])
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('RPUSH', KEYS[2], ARGV[1] .. ' ' .. ARGV[2])
            return 1""";

    private record Reading(String car, double speed) {
    }

    private LeaderNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        String leaseUrl = args[0];
        String effectorUrl = args[1];
        String owner = args[2];
        Duration ttl = Duration.ofMillis(Long.parseLong(args[3]));
        LeaseOptions options = LeaseOptions.builder().ttl(ttl).renewEvery(ttl.dividedBy(4))
                .retryEvery(ttl.dividedBy(10)).driftAllowance(ttl.dividedBy(10)).build();

        RedisClient effectorClient = RedisClient.create(effectorUrl);
        StatefulRedisConnection<String, String> effector = effectorClient.connect();
        RedisLeaseStore store = RedisLeaseStore.builder(leaseUrl).commandTimeout(ttl.dividedBy(8)).build();
        try (App app = App.create();
             Leadership leadership = Leadership.builder(store, LEASE).owner(owner).options(options).build()) {
            leadership.changes().subscribe(s -> System.out.println(s.leading() ? "leader " + s.fencingToken()
                    : "follower"));
            Loop master = app.loop("speed_enforcement");
            Element<Reading, Double> avg = master.analyze("avg", (Reading r, Output<Double> out) -> out.next(r.speed()));
            avg.opsIn(up -> up.compose(MapeOps.groupAndPipe(Reading::car, group -> group.buffer(2)
                    .map(w -> new Reading(w.get(0).car(), w.stream().mapToDouble(Reading::speed).average()
                            .orElse(0))))));
            Element<Double, String> penalty = master.plan("penalty", (Double speed, Output<String> out) -> {
                if (speed > 100) {
                    out.next("fine at " + Math.round(speed));
                }
            });
            AtomicLong n = new AtomicLong();
            Element<Fenced<String>, Void> record = master.execute("record", (Fenced<String> fine, Output<Void> out) ->
                    effector.sync().eval(RECORD, ScriptOutputType.INTEGER, new String[] {"fence", "actions",
                            "refused"}, String.valueOf(fine.fencingToken()), owner + " " + n.incrementAndGet()));
            avg.link(penalty);
            penalty.compose(LeaderOps.stamp(leadership)).subscribe(record);

            List<String> cars = List.of("veyron", "panda", "countach");
            Observable.interval(50, TimeUnit.MILLISECONDS)
                    .map(i -> new Reading(cars.get((int) (i % 3)), 90 + 10 * (i % 5)))
                    .compose(LeaderOps.whileLeading(leadership))
                    .subscribe(avg);
            System.out.println("ready " + owner);
            new CountDownLatch(1).await();
        } finally {
            effector.close();
            effectorClient.shutdown();
        }
    }
}
