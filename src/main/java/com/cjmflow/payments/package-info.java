/**
 * Payments of an order (reserve, full, refund). Writes only the tables in {@link com.cjmflow.platform.OwnsTables};
 * other modules change them through this module's API or events it handles.
 */
@OwnsTables({"payments"})
package com.cjmflow.payments;

import com.cjmflow.platform.OwnsTables;
