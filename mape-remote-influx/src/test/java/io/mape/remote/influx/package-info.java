/** Tests of the public API: unit tests ({@code *Test}) and integration tests against real servers ({@code *IT}). */
package io.mape.remote.influx;
