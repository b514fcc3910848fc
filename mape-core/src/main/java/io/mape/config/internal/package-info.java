/** How the config is read and checked; not API, may change without notice. */
package io.mape.config.internal;
