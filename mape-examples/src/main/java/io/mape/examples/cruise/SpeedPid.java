package io.mape.examples.cruise;

import io.mape.Output;
import io.mape.Plan;
import io.mape.annotation.CallableMethod;
import io.reactivex.rxjava3.core.Scheduler;
import java.util.concurrent.TimeUnit;

/**
 * The {@code pid} plan of a {@code cruise_control_<car>} loop (PyMAPE's {@code Pid(Plan)}): from the current speed,
 * the power to put on the gas (positive) or the brake (negative), within what the car can do. The loop above sets
 * its target with {@code CallMethod("cruise_control", kmh)}; the method names are PyMAPE's, so a call from either
 * side of the wire means the same.
 */
public final class SpeedPid extends Plan<Double, Double> {

    private final Pid pid;
    private final Scheduler clock;
    private double speedTarget;

    SpeedPid(double speedTarget, double maxBrake, double maxPower, Scheduler clock) {
        super("pid");
        this.speedTarget = speedTarget;
        this.pid = new Pid(4, 0.01, 0.1, speedTarget, -maxBrake, maxPower);
        this.clock = clock;
    }

    @Override
    protected void process(Double currentSpeed, Output<Double> out) {
        out.next(pid.update(currentSpeed, clock.now(TimeUnit.NANOSECONDS) / 1e9));
    }

    /** Sets the speed to hold, in km/h. */
    @CallableMethod
    public void cruise_control(double kmh) {
        speedTarget = kmh;
        pid.setpoint(kmh);
    }

    /** Sets the proportional gain: how hard the car reacts to a gap in speed. */
    @CallableMethod
    public void reactivity(double proportionalK) {
        pid.kp(proportionalK);
    }

    /** The speed it holds, in km/h. */
    public double speedTarget() {
        return speedTarget;
    }
}
