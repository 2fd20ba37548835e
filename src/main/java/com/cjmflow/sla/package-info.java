/**
 * The DMN-backed stage SLA (StageSla implements StagePolicy), holds with the pause ledger, SLA notifications and
 * the projection of the SLA tables. Writes only the tables in {@link com.cjmflow.platform.OwnsTables}; other
 * modules change them through this module's API or events it handles.
 */
@OwnsTables({"crm_stage_pauses", "crm_sla_policies"})
package com.cjmflow.sla;

import com.cjmflow.platform.OwnsTables;
