/**
 * The customer register: profiles, external ids, channels, preferences, owners and the customer 360. Writes only
 * the tables in {@link com.cjmflow.platform.OwnsTables}; other modules change them through this module's API or
 * events it handles.
 */
@OwnsTables({
    "customers", "customer_external_ids", "customer_manager_links", "customer_preferences", "crm_contact_channels",
    "leads", "customer_scores"})
package com.cjmflow.customers;

import com.cjmflow.platform.OwnsTables;
