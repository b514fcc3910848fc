/** The implementation of the transports; not API, may change without notice. */
package io.mape.remote.internal;
