/**
 * Normalised interaction events (seed 004), stored as touchpoints through the touchpoints API. Owns no table; reads
 * others' tables and views.
 */
package com.cjmflow.interactions;
