/**
 * The generic stage tracking derived from the model's stage properties: status events, stage instances, journey
 * events. Publishes StageEntered/StageLeft; asks the StagePolicy for a stage's SLA. Writes only the tables in
 * {@link com.cjmflow.platform.OwnsTables}; other modules change them through this module's API or events it
 * handles.
 */
@OwnsTables({"order_status_events", "crm_order_stage_instances", "crm_journey_events"})
package com.cjmflow.stage;

import com.cjmflow.platform.OwnsTables;
