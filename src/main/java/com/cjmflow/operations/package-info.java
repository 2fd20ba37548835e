/**
 * What an operator watches: the business meters on {@code /actuator/prometheus} (orders per stage, SLA breaches,
 * outbox backlog and failures, job executor backlog, KPI runs) and the deployed model versions on
 * {@code /actuator/info}. Reads other modules' tables, writes none.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Operations")
package com.cjmflow.operations;
