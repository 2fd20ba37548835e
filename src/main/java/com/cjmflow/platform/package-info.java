/**
 * Cross-cutting wiring: Camunda configuration and engine plugins, security, web errors, the shared clock and the few
 * helpers over engine internals ({@link com.cjmflow.platform.EngineContext}, {@link
 * com.cjmflow.platform.DecisionRows}, {@link com.cjmflow.platform.ModelProperties}). An open module: every module
 * may use it; it uses no other module.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package com.cjmflow.platform;

import org.springframework.modulith.ApplicationModule;
