/**
 * Simulated managed systems of the examples, PyMAPE's {@code examples/fixtures.py} in Java: a car, an ambulance,
 * a car with engine and brakes, a generator of cars entering and leaving a carriageway. Each is deterministic: its
 * randomness comes from a {@link java.util.Random} it is given and its time from the {@link
 * io.reactivex.rxjava3.core.Scheduler} it runs on (a {@code TestScheduler} in the examples). Not thread-safe: drive
 * each from one thread, as the examples do.
 */
package io.mape.examples.sim;
