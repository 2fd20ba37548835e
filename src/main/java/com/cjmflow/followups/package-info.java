/**
 * Manager follow-ups, mirrored from their user tasks. Writes only the tables in {@link
 * com.cjmflow.platform.OwnsTables}; other modules change them through this module's API or events it handles.
 */
@OwnsTables({"crm_manager_followups"})
package com.cjmflow.followups;

import com.cjmflow.platform.OwnsTables;
