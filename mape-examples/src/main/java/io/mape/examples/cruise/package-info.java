/**
 * Hierarchical control, PyMAPE's {@code examples/hierarchical-cruise-control.py}: a loop holding the distance to
 * the car in front steers, by {@link io.mape.CallMethod}, the cruise control loop below it.
 */
package io.mape.examples.cruise;
