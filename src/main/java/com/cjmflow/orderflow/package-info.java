/**
 * Booking, cancellation and the order-flow process facade (OrderFlow, Orders). Writes only the tables in {@link
 * com.cjmflow.platform.OwnsTables}; other modules change them through this module's API or events it handles.
 */
@OwnsTables({"orders", "order_invoices"})
package com.cjmflow.orderflow;

import com.cjmflow.platform.OwnsTables;
