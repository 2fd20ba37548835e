/**
 * The head of sales' dashboard ({@code /dashboard}, README "Dashboard"): today's pipeline per stage, SLA breaches and
 * outside-party delays over time, managers' scorecards over weeks, open refund and compensation cases, stalled
 * orders, and the order-flow heatmap (median dwell time and breach rate per stage). Reads other modules' tables and
 * the deployed model, writes nothing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboard")
package com.cjmflow.dashboard;
