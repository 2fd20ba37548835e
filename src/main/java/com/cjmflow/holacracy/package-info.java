/**
 * The holacracy management layer (seed 000 §3.4): circles and roles that route the work — a role's key is the Camunda
 * candidate group the models name, and filling a role makes the member a member of that group — member profiles
 * with absences, tensions and parking sessions. Writes only the tables in {@link com.cjmflow.platform.OwnsTables};
 * other modules reach it through its API (e.g. {@code notifications.RoleCover}, which it implements).
 */
@OwnsTables({"crm_holacracy_circles", "crm_holacracy_roles", "crm_holacracy_role_assignments",
    "crm_holacracy_member_profiles", "crm_holacracy_member_absences", "crm_holacracy_tensions",
    "crm_holacracy_tension_events", "crm_holacracy_parking_sessions", "crm_holacracy_model_roles"})
package com.cjmflow.holacracy;

import com.cjmflow.platform.OwnsTables;
