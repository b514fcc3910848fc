/** PyMAPE's example systems in Java; {@link io.mape.examples.Main} runs them by name. */
package io.mape.examples;
