/**
 * Annotations that turn methods of a plain object into elements ({@code @MonitorMethod}, {@code @AnalyzeMethod}, {@code @PlanMethod},
 * {@code @ExecuteMethod}, given to {@link io.mape.Loop#register(Object)}) and mark the methods a
 * {@link io.mape.CallMethod} may run ({@code @CallableMethod}).
 */
package io.mape.annotation;
