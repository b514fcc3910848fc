package io.mape.examples.cruise;

/**
 * A PID controller with output limits, as PyMAPE's example uses {@code simple_pid.PID}: proportional on the error,
 * integral clamped to the output limits (no wind-up), derivative on the measurement (no kick when the setpoint
 * changes). Time comes from the caller, so it runs on virtual time. Not thread-safe: one element owns it.
 */
public final class Pid {

    private final double ki;
    private final double kd;
    private final double min;
    private final double max;
    private double kp;
    private double setpoint;
    private double integral;
    private double lastInput = Double.NaN;
    private double lastTime = Double.NaN;

    /**
     * @param min lowest output
     * @param max highest output
     */
    public Pid(double kp, double ki, double kd, double setpoint, double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        this.kp = kp;
        this.ki = ki;
        this.kd = kd;
        this.setpoint = setpoint;
        this.min = min;
        this.max = max;
    }

    /**
     * The output for {@code input} measured at {@code seconds}. The first call has no past: its integral and
     * derivative terms are zero.
     */
    public double update(double input, double seconds) {
        double dt = Double.isNaN(lastTime) ? 0 : seconds - lastTime;
        double error = setpoint - input;
        integral = clamp(integral + ki * error * dt);
        double derivative = dt > 0 ? -kd * (input - lastInput) / dt : 0;
        lastInput = input;
        lastTime = seconds;
        return clamp(kp * error + integral + derivative);
    }

    private double clamp(double v) {
        return Math.max(min, Math.min(max, v));
    }

    public double setpoint() {
        return setpoint;
    }

    public void setpoint(double value) {
        setpoint = value;
    }

    public void kp(double value) {
        kp = value;
    }
}
