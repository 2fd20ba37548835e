/**
 * The notification outbox and its mail dispatcher. Writes only the tables in {@link
 * com.cjmflow.platform.OwnsTables}; other modules change them through this module's API or events it handles.
 */
@OwnsTables({"crm_notifications"})
package com.cjmflow.notifications;

import com.cjmflow.platform.OwnsTables;
