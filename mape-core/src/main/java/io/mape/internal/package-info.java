/** Implementation of the data path and the model. Not API: it may change without notice. */
package io.mape.internal;
