/**
 * The process owner's workbench: which model versions are deployed and where they came from (repository or
 * Modeler), moving running instances to a new version (engine migration batches), and trying an SLA table on past
 * stage visits before it is deployed. Owns no table: migrations are engine batches, the trail of a migrated order is
 * written by the stage module, and the backtest only reads.
 */
package com.cjmflow.models;
