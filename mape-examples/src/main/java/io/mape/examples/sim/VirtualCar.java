package io.mape.examples.sim;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.disposables.SerialDisposable;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * PyMAPE's {@code VirtualCar}: a car whose driver moves its speed toward its speed limit every 2 to 4 seconds, by
 * a quarter of the gap (at least a random 0 to 3 km/h). Each assignment of a property ({@code speed},
 * {@code speed_limit}, {@code hazard_lights}, {@code emergency_detect}) tells the callbacks of that property
 * {@code {name: value}}, as PyMAPE's {@code __setattr__} does.
 */
public class VirtualCar {

    private final String uid;
    private final Random random;
    private final Callbacks callbacks = new Callbacks();
    private int speed;
    private int speedLimit;
    private boolean hazardLights;
    private boolean emergencyDetect;

    /** A car at {@code speed} km/h with a speed limit 20 km/h above it, as in PyMAPE. */
    public VirtualCar(String uid, int speed, Random random) {
        this.uid = Objects.requireNonNull(uid, "uid");
        this.random = Objects.requireNonNull(random, "random");
        this.speed = speed;
        this.speedLimit = speed + 20;
    }

    public String uid() {
        return uid;
    }

    /**
     * Calls {@code callback} with {@code {property: value}} on each assignment of {@code property}, and now with
     * its current value (PyMAPE's {@code set_callback(name, callback, init=True)}).
     */
    public void onChange(String property, Consumer<Map<String, Object>> callback) {
        callbacks.add(property, callback);
        callback.accept(Map.of(property, value(property)));
    }

    /** Starts the driver: one {@link #drive()} every 2 to 4 seconds of {@code scheduler} time. Dispose to stop. */
    public Disposable start(Scheduler scheduler) {
        SerialDisposable next = new SerialDisposable();
        scheduleDrive(scheduler, next);
        return next;
    }

    private void scheduleDrive(Scheduler scheduler, SerialDisposable next) {
        long delay = 2000 + random.nextInt(2001);
        next.replace(scheduler.scheduleDirect(() -> {
            drive();
            scheduleDrive(scheduler, next);
        }, delay, TimeUnit.MILLISECONDS));
    }

    /** One move of the driver toward the speed limit. */
    public void drive() {
        int delta = Math.max(random.nextInt(4), Math.abs(speedLimit - speed) / 4);
        int next = speed >= speedLimit ? speed - delta : speed + delta;
        speed(Math.max(0, next));
    }

    protected Object value(String property) {
        return switch (property) {
            case "speed" -> speed;
            case "speed_limit" -> speedLimit;
            case "hazard_lights" -> hazardLights;
            case "emergency_detect" -> emergencyDetect;
            default -> throw new IllegalArgumentException(uid + " has no property '" + property + "'");
        };
    }

    protected final void fire(String property, Object value) {
        callbacks.fire(property, value);
    }

    public int speed() {
        return speed;
    }

    public void speed(int kmh) {
        speed = kmh;
        fire("speed", kmh);
    }

    public int speedLimit() {
        return speedLimit;
    }

    public void speedLimit(int kmh) {
        speedLimit = kmh;
        fire("speed_limit", kmh);
    }

    public boolean hazardLights() {
        return hazardLights;
    }

    public void hazardLights(boolean on) {
        hazardLights = on;
        fire("hazard_lights", on);
    }

    public boolean emergencyDetect() {
        return emergencyDetect;
    }

    public void emergencyDetect(boolean on) {
        emergencyDetect = on;
        fire("emergency_detect", on);
    }

    @Override
    public String toString() {
        return uid + " " + speed + "/" + speedLimit + " km/h";
    }
}
