/**
 * Shipments of an order (seller to expert or warehouse, warehouse to client) and their tracking. Writes only the tables
 * in {@link com.cjmflow.platform.OwnsTables}; other modules change them through this module's API.
 */
@OwnsTables({"shipments"})
package com.cjmflow.shipments;

import com.cjmflow.platform.OwnsTables;
