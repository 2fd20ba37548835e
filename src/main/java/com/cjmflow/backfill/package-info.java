/**
 * The backfill from the legacy EUBike CRM (seed 000 §9, {@code crm:digitalize}): the {@code digitalize} command and
 * {@code POST /api/v1/crm/backfill}. Writes only the tables in {@link com.cjmflow.platform.OwnsTables}; the CRM rows
 * it imports are written by their owners' import APIs.
 */
@OwnsTables({"crm_backfill_runs", "crm_backfill_lock", "crm_backfill_links"})
package com.cjmflow.backfill;

import com.cjmflow.platform.OwnsTables;
