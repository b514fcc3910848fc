/**
 * Coordinated control, PyMAPE's {@code examples/coordinated-ambulance.py}, {@code coordinated-car.py},
 * {@code coordinated-car-with-message.py} and {@code coordinated_common.py}: an ambulance and cars, each a device
 * with its own App, whose loops exchange emergencies through a {@link io.mape.remote.Transport}: all in one JVM
 * ({@link io.mape.remote.InProcessTransport} on one hub), or one device per process over Redis
 * ({@link io.mape.remote.redis.RedisTransport}) and REST ({@link io.mape.remote.rest.RestTransport}).
 */
package io.mape.examples.coordinated;
