/**
 * Coordinated control, PyMAPE's {@code examples/coordinated-ambulance.py}, {@code coordinated-car.py},
 * {@code coordinated-car-with-message.py} and {@code coordinated_common.py}: an ambulance and cars, each a device
 * with its own App, whose loops exchange emergencies through a {@link io.mape.examples.coordinated.Wiring}.
 */
package io.mape.examples.coordinated;
