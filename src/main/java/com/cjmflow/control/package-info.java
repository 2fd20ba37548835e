/**
 * The head of sales' control surface: the order, activity and breach lists, each read from a SQL view of its own
 * ({@code crm_order_control_v}, {@code crm_manager_activity_v}, {@code crm_sla_breaches_v}) so analysts get the same
 * answer. Owns no table; reads the other modules' tables only through those views.
 */
package com.cjmflow.control;
