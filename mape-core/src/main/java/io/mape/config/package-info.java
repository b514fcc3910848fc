/** {@link io.mape.config.MapeConfig}: the App's settings from {@code mape.yml}, the environment and code. */
package io.mape.config;
