/** Implementation of the safety operators. Not API: it may change without notice. */
package io.mape.safety.internal;
