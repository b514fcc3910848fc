/** The JSON codec that every transport uses to put items on the wire and read them back. */
package io.mape.codec;
