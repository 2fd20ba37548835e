/**
 * Contacts with clients and their reply windows. Writes only the tables in {@link com.cjmflow.platform.OwnsTables};
 * other modules change them through this module's API or events it handles.
 */
@OwnsTables({"crm_touchpoints"})
package com.cjmflow.touchpoints;

import com.cjmflow.platform.OwnsTables;
