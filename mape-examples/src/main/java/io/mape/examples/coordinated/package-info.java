/**
 * Coordinated control, PyMAPE's {@code examples/coordinated-ambulance.py}, {@code coordinated-car.py},
 * {@code coordinated-car-with-message.py} and {@code coordinated_common.py}: an ambulance and cars, each a device
 * with its own App, whose loops exchange emergencies through a {@link io.mape.examples.coordinated.Wiring}: all in
 * one JVM ({@link io.mape.examples.coordinated.InProcessWiring}), or one device per process over Redis
 * ({@link io.mape.examples.coordinated.RedisWiring}) and REST ({@link io.mape.examples.coordinated.RestWiring}).
 */
package io.mape.examples.coordinated;
