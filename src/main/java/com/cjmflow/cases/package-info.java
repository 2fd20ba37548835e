/**
 * Order cases (refund, compensation, damage, delay, other) as processes of their own ({@code processes/order-case.bpmn}),
 * routed and approved by {@code dmn/case-routing.dmn}: the facade {@link com.cjmflow.cases.OrderCases}, the case
 * records and the case API. Writes only the tables in {@link com.cjmflow.platform.OwnsTables}; other modules change
 * them through this module's API.
 */
@OwnsTables({"order_cases", "refund_requests", "compensation_requests"})
package com.cjmflow.cases;

import com.cjmflow.platform.OwnsTables;
