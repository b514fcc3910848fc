/** The extension point of the config: {@link io.mape.config.spi.ConfigSection}, a section a module owns. */
package io.mape.config.spi;
