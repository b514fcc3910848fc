package io.mape.examples.sim;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * PyMAPE's {@code VirtualCarGenerator}: cars entering and leaving a carriageway. A car enters or leaves on a random
 * lane among the current {@link #lanes()}, told to the callbacks of {@code enter_<lane>} or {@code exit_<lane>} as
 * {@code {"enter_2": "AB123"}}. Cars are named by random plates. {@link #start} runs PyMAPE's auto generation:
 * every 4 seconds, with even odds, up to 6 cars enter or up to 6 leave.
 */
public final class VirtualCarGenerator {

    private static final int MAX_CARS_ENTER = 6;
    private static final int MAX_CARS_EXIT = 6;

    private final String uid;
    private final Random random;
    private final Callbacks callbacks = new Callbacks();
    private final Set<String> cars = new LinkedHashSet<>();
    private int lanes;

    public VirtualCarGenerator(String uid, int lanes, Random random) {
        this.uid = Objects.requireNonNull(uid, "uid");
        this.random = Objects.requireNonNull(random, "random");
        this.lanes = lanes;
    }

    public String uid() {
        return uid;
    }

    /** Calls {@code callback} for each car entering ({@code enter_<n>}) or leaving ({@code exit_<n>}) lane n. */
    public void onChange(String action, Consumer<Map<String, Object>> callback) {
        callbacks.add(action, callback);
    }

    /** Starts the auto generation on {@code scheduler}; dispose to stop. */
    public Disposable start(Scheduler scheduler) {
        return scheduler.schedulePeriodicallyDirect(() -> {
            if (random.nextBoolean()) {
                addRandomCars(random.nextInt(MAX_CARS_ENTER + 1));
            } else {
                removeRandomCars(random.nextInt(MAX_CARS_EXIT + 1));
            }
        }, 4, 4, TimeUnit.SECONDS);
    }

    /** {@code count} new cars enter, each on a random lane. */
    public void addRandomCars(int count) {
        for (int i = 0; i < count; i++) {
            String car = plate();
            cars.add(car);
            callbacks.fire("enter_" + randomLane(), car);
        }
    }

    /** Up to {@code count} cars, chosen at random, leave, each from a random lane. */
    public void removeRandomCars(int count) {
        for (int i = 0; i < count && !cars.isEmpty(); i++) {
            List<String> present = new ArrayList<>(cars);
            String car = present.get(random.nextInt(present.size()));
            cars.remove(car);
            callbacks.fire("exit_" + randomLane(), car);
        }
    }

    private int randomLane() {
        return random.nextInt(Math.max(1, lanes));
    }

    private String plate() {
        return "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26))
                + String.format("%03d", random.nextInt(1000));
    }

    /** The cars on the carriageway now (a copy). */
    public Set<String> cars() {
        return Set.copyOf(cars);
    }

    public int lanes() {
        return lanes;
    }

    /** Sets how many lanes the carriageway has: new cars enter and leave on lanes 0 to {@code count - 1}. */
    public void lanes(int count) {
        lanes = count;
    }
}
