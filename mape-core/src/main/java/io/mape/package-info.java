/**
 * The MAPE-K model: {@link io.mape.App}, {@link io.mape.Level}, {@link io.mape.Loop} and {@link io.mape.Element}
 * (Monitor, Analyze, Plan, Execute), the items that cross them ({@link io.mape.Message},
 * {@link io.mape.CallMethod}), and the operators of {@link io.mape.MapeOps}.
 */
package io.mape;
