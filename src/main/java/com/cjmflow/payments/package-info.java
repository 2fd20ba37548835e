/**
 * Payments and shipments of an order. Writes only the tables in {@link com.cjmflow.platform.OwnsTables}; other
 * modules change them through this module's API or events it handles.
 */
@OwnsTables({"payments", "shipments"})
package com.cjmflow.payments;

import com.cjmflow.platform.OwnsTables;
