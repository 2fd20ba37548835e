/**
 * Cross-cutting wiring: Camunda configuration and engine plugins, security, web errors, the shared clock and the few
 * helpers over engine internals ({@link com.cjmflow.platform.EngineContext}, {@link
 * com.cjmflow.platform.DecisionRows}, {@link com.cjmflow.platform.ModelProperties}). An open module: every module
 * may use it; it uses no other module. It owns the table of the cluster locks ({@link
 * com.cjmflow.platform.ClusterLocks}).
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@OwnsTables({"shedlock"})
package com.cjmflow.platform;

import org.springframework.modulith.ApplicationModule;
