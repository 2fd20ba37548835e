/**
 * The task mirror and the one writer of manager activity (user operation log, status changes, touchpoints, owner
 * changes). Writes only the tables in {@link com.cjmflow.platform.OwnsTables}; other modules change them through
 * this module's API or events it handles.
 */
@OwnsTables({"manager_activity_events", "tasks"})
package com.cjmflow.activity;

import com.cjmflow.platform.OwnsTables;
