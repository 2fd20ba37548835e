package com.cjmflow.orderflow.process;

import static com.cjmflow.orderflow.process.OrderFlowVariables.*;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.cjmflow.customers.Customers;
import com.cjmflow.orderflow.OrderFlow;
import com.cjmflow.orderflow.OrderRegistration;

/**
 * "Register order": links the order to this process instance. When a system that speaks Camunda started the flow
 * with the {@code OrderBooked} message and the order's facts as variables (no {@code orderId}), registers the order
 * first, exactly as the booking API does.
 */
@Component("registerOrder")
class RegisterOrderDelegate implements JavaDelegate {

  private static final List<String> REQUIRED =
      List.of(EXTERNAL_ID, CUSTOMER_NAME, BIKE_TITLE, SELLER_COUNTRY, PRICE_EUR);

  private final OrderRegistration registration;

  RegisterOrderDelegate(OrderRegistration registration) {
    this.registration = registration;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long orderId = orderId(execution);
    if (orderId == null) {
      List<String> missing = REQUIRED.stream().filter(name -> execution.getVariable(name) == null).toList();
      if (!missing.isEmpty()) {
        throw new ProcessEngineException("OrderBooked needs the variables " + missing);
      }
      String tier = string(execution, CUSTOMER_TIER) == null ? "standard" : string(execution, CUSTOMER_TIER);
      orderId = registration.registerNew(new OrderFlow.NewOrder(string(execution, EXTERNAL_ID),
          new Customers.Contact(string(execution, CUSTOMER_NAME), string(execution, CUSTOMER_EMAIL),
              string(execution, CUSTOMER_PHONE), tier),
          string(execution, BIKE_TITLE), string(execution, SELLER_COUNTRY), money(execution, PRICE_EUR),
          flag(execution, RESERVE_REQUIRED), flag(execution, EXPERT_INSPECTION)));
      execution.setVariables(booked(orderId, string(execution, EXTERNAL_ID), tier, string(execution, SELLER_COUNTRY),
          flag(execution, RESERVE_REQUIRED), flag(execution, EXPERT_INSPECTION)));
      execution.setProcessBusinessKey(String.valueOf(orderId));
    }
    registration.attachProcess(orderId, execution.getProcessInstanceId());
  }
}
