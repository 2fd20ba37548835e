/**
 * Read models: the order 360 and the manager workload. Owns no table; reads others' tables and views.
 */
package com.cjmflow.order360;
