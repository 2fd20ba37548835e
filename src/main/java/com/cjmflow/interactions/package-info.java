/**
 * Normalised interaction events (seed 004), stored as touchpoints through the touchpoints API, and their tags
 * ({@code crm_interaction_tags}). Reads others' tables and views.
 */
@OwnsTables({"crm_interaction_tags"})
package com.cjmflow.interactions;

import com.cjmflow.platform.OwnsTables;
