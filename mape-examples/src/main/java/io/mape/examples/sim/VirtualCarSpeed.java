package io.mape.examples.sim;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * PyMAPE's {@code VirtualCarSpeed}: a car driven by gas and brake. {@link #gas} and {@link #brake} set the pedal;
 * {@link #update(double)} moves the car by {@code dt} seconds under it: gas adds {@code 0.1 * power} km/h per
 * second, brake {@code 0.5 * power} (power is negative), no pedal loses 4 km/h per second to friction; then the
 * position advances at the new speed. Properties {@code speed} (km/h) and {@code position} (m) tell their callbacks.
 */
public final class VirtualCarSpeed {

    private final String uid;
    private final double maxPower;
    private final double maxBrake;
    private final Callbacks callbacks = new Callbacks();
    private double speed;
    private double position;
    private double pedal;

    public VirtualCarSpeed(String uid, double speed, double maxPower, double maxBrake, double position) {
        this.uid = Objects.requireNonNull(uid, "uid");
        this.speed = speed;
        this.maxPower = maxPower;
        this.maxBrake = maxBrake;
        this.position = position;
    }

    public String uid() {
        return uid;
    }

    /** As {@link VirtualCar#onChange}: properties {@code speed} and {@code position}. */
    public void onChange(String property, Consumer<Map<String, Object>> callback) {
        callbacks.add(property, callback);
        callback.accept(Map.of(property, switch (property) {
            case "speed" -> speed;
            case "position" -> position;
            default -> throw new IllegalArgumentException(uid + " has no property '" + property + "'");
        }));
    }

    /** Presses the gas with {@code power} (0 to {@link #maxPower()}) until the next pedal command. */
    public void gas(double power) {
        pedal = power;
    }

    /** Presses the brake with {@code power} (negative, down to {@code -}{@link #maxBrake()}). */
    public void brake(double power) {
        pedal = power;
    }

    /** Moves the car by {@code dt} seconds under the current pedal. */
    public void update(double dt) {
        if (pedal > 0) {
            speed += 0.1 * pedal * dt;
        } else if (pedal < 0) {
            speed += 0.5 * pedal * dt;
        } else {
            speed -= 4 * dt;
        }
        callbacks.fire("speed", speed);
        position += speed * 1000 / 3600 * dt;
        callbacks.fire("position", position);
    }

    public double speed() {
        return speed;
    }

    public double position() {
        return position;
    }

    public double maxPower() {
        return maxPower;
    }

    public double maxBrake() {
        return maxBrake;
    }
}
