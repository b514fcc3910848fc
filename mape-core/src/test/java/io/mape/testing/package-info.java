/** Helpers for tests of mape-core and of the modules that use its test-jar. */
package io.mape.testing;
