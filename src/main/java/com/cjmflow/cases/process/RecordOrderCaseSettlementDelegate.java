package com.cjmflow.cases.process;

import static com.cjmflow.cases.process.CaseVariables.*;

import java.math.BigDecimal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.cjmflow.cases.CaseRecords;
import com.cjmflow.payments.Payments;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.platform.EngineContext;

/**
 * "Record settlement": a refund or a compensation paid as money is a {@code payments} row written by the payments
 * module (kind refund or compensation); a voucher or a discount is its reference. The request becomes paid.
 */
@Component("recordOrderCaseSettlement")
class RecordOrderCaseSettlementDelegate implements JavaDelegate {

  static final String COMPENSATION = "compensation";

  private final CaseRecords records;
  private final Payments payments;

  RecordOrderCaseSettlementDelegate(CaseRecords records, Payments payments) {
    this.records = records;
    this.payments = payments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long caseId = id(execution, CASE_ID);
    String user = EngineContext.userId(execution.getProcessEngineServices()).orElse("system");
    String reference = string(execution, SETTLEMENT_REFERENCE);
    String settlement = string(execution, SETTLEMENT);
    BigDecimal amount = money(execution, AMOUNT_EUR);
    Long paymentId = null;
    boolean money = "refund_payment".equals(settlement) || "payment".equals(settlement);
    if (money && amount != null && amount.signum() > 0) {
      String currency = string(execution, SETTLEMENT_CURRENCY) == null ? string(execution, CURRENCY)
          : string(execution, SETTLEMENT_CURRENCY);
      String kind = Payments.REFUND.equals(string(execution, CASE_KIND)) || "refund_payment".equals(settlement)
          ? Payments.REFUND : COMPENSATION;
      paymentId = payments.record(new Payments.NewPayment(id(execution, ORDER_ID), kind, amount, currency,
          EngineClock.now(), reference, user)).payment().id();
    }
    records.settled(caseId, paymentId, reference, user);
  }
}
