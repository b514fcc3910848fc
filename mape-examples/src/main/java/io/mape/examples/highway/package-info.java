/**
 * Regional planning, PyMAPE's {@code examples/regional-planning-dynamic-highway.py}: two carriageways share eight
 * lanes in proportion to their cars, counted in sets of the App Knowledge.
 */
package io.mape.examples.highway;
