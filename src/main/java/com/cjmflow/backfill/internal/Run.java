package com.cjmflow.backfill.internal;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.cjmflow.orderflow.OrderResumption;

/** What one run knows while it imports: the legacy file, the model's stages and the ids found or made so far. */
public final class Run {

  final String id;
  final String system;
  final LegacyDatabase legacy;
  final Report report;
  final OffsetDateTime now;
  final Map<String, String> aliases;
  final OrderResumption.WaitStates model;
  final Set<String> stages;
  /** legacy user id → Camunda user id. */
  final Map<Long, String> users = new HashMap<>();
  /** legacy customer id → CJM customer id. */
  final Map<Long, Long> customers = new HashMap<>();
  /** CJM customer id → tier. */
  final Map<Long, String> tiers = new HashMap<>();
  /** normalised phone / e-mail key → CJM customer id. */
  final Map<String, Long> contactKeys = new HashMap<>();
  /** legacy order id → CJM order id (new and earlier runs). */
  final Map<Long, Long> orders = new HashMap<>();
  /** legacy order id → CJM customer id. */
  final Map<Long, Long> orderCustomers = new HashMap<>();
  /** legacy case id → CJM case id. */
  final Map<Long, Long> cases = new HashMap<>();
  /** In-flight orders imported by this run, to start at their stage. */
  final List<OrderResumption.Resume> resumes = new java.util.ArrayList<>();
  /** Orders imported before that moved on in the legacy CRM: their process moves to the new stage. */
  final List<OrderResumption.Resume> moves = new java.util.ArrayList<>();
  /** Orders imported before that the legacy CRM has closed or cancelled since: their process ends. */
  final List<Long> ends = new java.util.ArrayList<>();
  /** CJM ids of orders imported by this run. */
  final List<Long> newOrders = new java.util.ArrayList<>();
  /** Status changes made by people, for the manager activity step. */
  final List<com.cjmflow.activity.ActivityImport.Action> actions = new java.util.ArrayList<>();
  final double eurRubRate;

  public Run(String id, String system, LegacyDatabase legacy, Report report, OffsetDateTime now,
      Map<String, String> aliases, OrderResumption.WaitStates model) {
    this.id = id;
    this.system = system;
    this.legacy = legacy;
    this.report = report;
    this.now = now;
    this.aliases = aliases;
    this.model = model;
    Set<String> all = new java.util.LinkedHashSet<>(model.byStage().keySet());
    all.addAll(model.endStages().keySet());
    this.stages = all;
    String rate = legacy.meta("eur_rub_rate");
    this.eurRubRate = rate == null ? Double.NaN : Double.parseDouble(rate.trim());
  }

  String externalId(String table, long legacyId) {
    return system + ":" + table + ":" + legacyId;
  }

  String orderExternalId(long legacyId) {
    return system + ":" + legacyId;
  }

  public List<OrderResumption.Resume> resumes() {
    return resumes;
  }

  public List<Long> newOrders() {
    return newOrders;
  }

  public Report report() {
    return report;
  }

  public OffsetDateTime now() {
    return now;
  }
}
