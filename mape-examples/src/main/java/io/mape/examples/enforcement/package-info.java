/**
 * Master/slave control, PyMAPE's {@code examples/master-slave-speed-enforcement.py}: a master loop averages the
 * speed each car loop samples and routes penalties back to the car loops' executors.
 */
package io.mape.examples.enforcement;
