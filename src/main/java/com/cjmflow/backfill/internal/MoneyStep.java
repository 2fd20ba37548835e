package com.cjmflow.backfill.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.cjmflow.payments.PaymentImport;
import com.cjmflow.shipments.ShipmentImport;

/**
 * Payments in EUR (RUB converted with the file's own rate, amounts positive, the kind gives the sign; orphans
 * rejected and summed) and shipment legs.
 */
@Component
class MoneyStep {

  private static final Set<String> KINDS = Set.of("reserve", "full", "refund");

  private final PaymentImport payments;
  private final ShipmentImport shipments;
  private final LinkStore links;

  MoneyStep(PaymentImport payments, ShipmentImport shipments, LinkStore links) {
    this.payments = payments;
    this.shipments = shipments;
    this.links = links;
  }

  void payments(Run run) {
    String table = "payments";
    Changes<PaymentImport.NewPayment> changes = new Changes<>();
    int orphans = 0;
    BigDecimal orphanEur = BigDecimal.ZERO;
    for (LinkStore.Pending pending : links.pending(run, table)) {
      LegacyRow row = pending.row();
      String kind = Legacy.text(row.str("kind")) == null ? "" : Legacy.text(row.str("kind")).toLowerCase(Locale.ROOT);
      String currency = Legacy.text(row.str("currency")) == null ? "EUR"
          : Legacy.text(row.str("currency")).toUpperCase(Locale.ROOT);
      Long cents = row.lng("amount_cents");
      if (cents == null || !KINDS.contains(kind) || !Set.of("EUR", "RUB").contains(currency)) {
        run.report.rejected(table, row.id(), "unreadable_payment", "kind '" + row.str("kind") + "', amount '"
            + row.str("amount_cents") + "', currency '" + row.str("currency") + "'");
        continue;
      }
      BigDecimal eur = BigDecimal.valueOf(Math.abs(cents)).movePointLeft(2);
      String note = "";
      if ("RUB".equals(currency)) {
        note = " (" + eur + " RUB at " + run.eurRubRate + ")";
        eur = eur.divide(BigDecimal.valueOf(run.eurRubRate), 10, RoundingMode.HALF_UP);
        run.report.repaired(table, row.id(), "rub_converted", "RUB converted to EUR at the file's rate "
            + run.eurRubRate);
      }
      Long order = run.orders.get(row.lng("order_id"));
      if (order == null) {
        orphans++;
        orphanEur = orphanEur.add(eur);
        run.report.rejected(table, row.id(), "orphan_payment", "order " + row.str("order_id") + " does not exist ("
            + eur.setScale(2, RoundingMode.HALF_UP) + " EUR)");
        continue;
      }
      if (cents < 0) {
        run.report.repaired(table, row.id(), "signed_amount", "amount typed with a minus sign: the kind gives the sign");
      }
      OffsetDateTime paidAt = Legacy.time(row.raw("paid_at"));
      if (paidAt == null) {
        paidAt = run.now;
        run.report.repaired(table, row.id(), "unreadable_time", "paid_at '" + row.str("paid_at")
            + "' unreadable: the import time stands in");
      }
      String reference = run.externalId(table, row.id()) + note + " "
          + (Legacy.text(row.str("reference")) == null ? "" : Legacy.text(row.str("reference")));
      changes.add(pending, new PaymentImport.NewPayment(order, kind, eur.setScale(2, RoundingMode.HALF_UP), "EUR",
          paidAt, reference.length() > 200 ? reference.substring(0, 200) : reference.strip(), run.system));
    }
    changes.save(run, table, links, created -> payments.insert(created, run.now), payments::update);
    run.report.figure("orphan_payments", Map.of("count", orphans, "eur", orphanEur.setScale(2, RoundingMode.HALF_UP)));
  }

  void shipments(Run run) {
    String table = "shipments";
    Changes<ShipmentImport.NewShipment> changes = new Changes<>();
    Set<String> tracking = new HashSet<>();
    for (LinkStore.Pending pending : links.pending(run, table)) {
      LegacyRow row = pending.row();
      Long order = run.orders.get(row.lng("order_id"));
      if (order == null) {
        run.report.rejected(table, row.id(), "orphan", "order " + row.str("order_id") + " does not exist");
        continue;
      }
      String leg = Legacy.text(row.str("leg")) == null ? "unknown" : Legacy.text(row.str("leg")).toLowerCase(Locale.ROOT);
      if ("warehouse_to_client".equals(leg)) {
        leg = "warehouse_to_russia";
      }
      String carrier = Legacy.text(row.str("carrier")) == null ? "unknown" : Legacy.text(row.str("carrier"));
      String number = Legacy.text(row.str("tracking_number"));
      if (number == null || !tracking.add(carrier + "|" + number)) {
        run.report.repaired(table, row.id(), "tracking_number", number == null ? "no tracking number"
            : "tracking number " + number + " used twice" + ": the legacy id stands in");
        number = run.externalId(table, row.id());
        tracking.add(carrier + "|" + number);
      }
      OffsetDateTime shippedAt = Legacy.time(row.raw("shipped_at"));
      if (shippedAt == null) {
        shippedAt = run.now;
        run.report.repaired(table, row.id(), "unreadable_time", "shipped_at unreadable: the import time stands in");
      }
      changes.add(pending, new ShipmentImport.NewShipment(order, leg, carrier, number, shippedAt,
          Legacy.time(row.raw("delivered_at")), run.system));
    }
    changes.save(run, table, links, created -> shipments.insert(created, run.now), shipments::update);
  }
}
