package io.mape.examples.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualCarTest {

    @Test
    void theSpeedLimitStarts20AboveTheSpeed() {
        VirtualCar car = new VirtualCar("Panda", 90, new Random(1));

        assertThat(car.speedLimit()).isEqualTo(110);
    }

    @Test
    void theDriverClosesAQuarterOfTheGapEachMove() {
        VirtualCar car = new VirtualCar("Veyron", 380, new Random(1));
        car.speedLimit(30);

        car.drive();

        assertThat(car.speed()).isEqualTo(380 - 350 / 4);
    }

    @Test
    void theDriverReachesTheLimitAndStaysWithinThreeOfIt() {
        VirtualCar car = new VirtualCar("Veyron", 380, new Random(7));
        car.speedLimit(30);
        for (int i = 0; i < 30; i++) {
            car.drive();
        }
        List<Integer> speeds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            car.drive();
            speeds.add(car.speed());
        }

        assertThat(speeds).allMatch(s -> s >= 27 && s <= 33);
    }

    @Test
    void theSpeedNeverGoesBelowZero() {
        VirtualCar car = new VirtualCar("Panda", 1, new Random(3));
        car.speedLimit(0);
        for (int i = 0; i < 20; i++) {
            car.drive();
            assertThat(car.speed()).isNotNegative();
        }
    }

    @Test
    void callbacksGetTheCurrentValueAtOnceThenEachAssignment() {
        VirtualAmbulance car = new VirtualAmbulance("Ambulance", 80, new Random(1));
        List<Map<String, Object>> seen = new ArrayList<>();
        car.onChange("siren", seen::add);
        car.onChange("speed_limit", seen::add);

        car.siren(true);
        car.speedLimit(160);
        car.speedLimit(160);

        assertThat(seen).containsExactly(Map.of("siren", false), Map.of("speed_limit", 100),
                Map.of("siren", true), Map.of("speed_limit", 160), Map.of("speed_limit", 160));
    }

    @Test
    void theDriverMovesEvery2To4SecondsOfSchedulerTime() {
        TestScheduler clock = new TestScheduler();
        VirtualCar car = new VirtualCar("Panda", 90, new Random(5));
        List<Long> when = new ArrayList<>();
        car.onChange("speed", s -> when.add(clock.now(TimeUnit.MILLISECONDS)));
        when.clear();

        Disposable driving = car.start(clock);
        clock.advanceTimeBy(60, TimeUnit.SECONDS);
        driving.dispose();
        int moves = when.size();
        clock.advanceTimeBy(60, TimeUnit.SECONDS);

        assertThat(moves).isBetween(15, 30);
        assertThat(when).hasSize(moves);
        for (int i = 1; i < when.size(); i++) {
            assertThat(when.get(i) - when.get(i - 1)).isBetween(2000L, 4000L);
        }
    }

    @Test
    void theSameSeedGivesTheSameDrive() {
        assertThat(drive(42)).isEqualTo(drive(42)).isNotEqualTo(drive(43));
    }

    private static List<Integer> drive(long seed) {
        VirtualCar car = new VirtualCar("Panda", 90, new Random(seed));
        List<Integer> speeds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            car.drive();
            speeds.add(car.speed());
        }
        return speeds;
    }
}
