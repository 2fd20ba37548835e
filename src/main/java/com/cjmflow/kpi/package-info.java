/**
 * Manager KPI: daily facts, scorecards, recompute runs with their cluster lock, stall flags (stored through
 * Orders). Writes only the tables in {@link com.cjmflow.platform.OwnsTables}; other modules change them through
 * this module's API or events it handles.
 */
@OwnsTables({
    "crm_kpi_runs", "kpi_work_intervals", "manager_kpi_daily_facts", "manager_kpi_daily_channels",
    "manager_kpi_period_scorecards", "manager_kpi_scorecard_components", "crm_website_kpi_daily"})
package com.cjmflow.kpi;

import com.cjmflow.platform.OwnsTables;
