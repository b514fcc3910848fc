/**
 * Annotations that turn methods of a plain object into elements ({@code @Monitor}, {@code @Analyze}, {@code @Plan},
 * {@code @Execute}, given to {@link io.mape.Loop#register(Object)}) and mark the methods a
 * {@link io.mape.CallMethod} may run ({@code @Callable}).
 */
package io.mape.annotation;
