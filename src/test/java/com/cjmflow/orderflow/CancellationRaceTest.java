package com.cjmflow.orderflow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.orderflow.process.OrderFlowVariables;
import com.cjmflow.platform.AsSystem;
import com.cjmflow.platform.DomainException;
import com.cjmflow.stage.JourneyLog;

/**
 * A cancellation that loses the race for the order's cancellation subscription is a 409, however the engine reports
 * the loss — also in the timings {@code ConflictAttackTest} cannot force: a parallel commit removing the
 * subscription's execution between the two reads of the correlation made Camunda throw its own
 * {@code NullPointerException} (seen once in CI on PostgreSQL, a 500 then). A failure while the subscription is still
 * there is not a lost race and is not hidden.
 */
class CancellationRaceTest {

  private final RuntimeService runtime = mock(RuntimeService.class, RETURNS_DEEP_STUBS);
  private final MessageCorrelationBuilder correlation = mock(MessageCorrelationBuilder.class, RETURNS_SELF);
  private OrderFlow flow;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void flow() {
    Orders orders = mock(Orders.class);
    when(orders.find(42L)).thenReturn(Optional.of(new Orders.Order(42, "ext-42", 7, "booked", "Bike", "DE",
        BigDecimal.TEN, false, false, "instance-42", "anna", OffsetDateTime.now())));
    TransactionTemplate transaction = mock(TransactionTemplate.class);
    org.mockito.Mockito.doAnswer(call -> {
      ((Consumer<TransactionStatus>) call.getArgument(0)).accept(mock(TransactionStatus.class));
      return null;
    }).when(transaction).executeWithoutResult(any());
    AsSystem asSystem = mock(AsSystem.class);
    when(asSystem.onBehalfOfCaller(any())).thenAnswer(call -> ((Supplier<?>) call.getArgument(0)).get());
    when(runtime.createMessageCorrelation(OrderFlowVariables.MESSAGE_CANCELLATION_REQUESTED)).thenReturn(correlation);
    flow = new OrderFlow(runtime, orders, mock(OrderRegistration.class), mock(JourneyLog.class), transaction,
        asSystem);
  }

  /** The subscription is there before the correlation; whether it is after is given. */
  private void subscriptionAfterwards(boolean stillThere) {
    when(runtime.createEventSubscriptionQuery().processInstanceId("instance-42")
        .eventName(anyString()).count()).thenReturn(1L, stillThere ? 1L : 0L);
  }

  @Test
  void anEngineFailureAfterTheWinnerTookTheSubscriptionIsTheLostRace() {
    subscriptionAfterwards(false);
    when(correlation.correlateWithResult()).thenThrow(new NullPointerException("execution removed meanwhile"));

    assertThatThrownBy(() -> flow.cancel(42, "double click")).isInstanceOf(DomainException.StateConflict.class)
        .hasMessageContaining("cannot be cancelled");
  }

  @Test
  void anOptimisticLockingFailureAfterTheWinnerTookTheSubscriptionIsTheLostRace() {
    subscriptionAfterwards(false);
    when(correlation.correlateWithResult()).thenThrow(new OptimisticLockingException("taken"));

    assertThatThrownBy(() -> flow.cancel(42, "double click")).isInstanceOf(DomainException.StateConflict.class);
  }

  @Test
  void aFailureWhileTheSubscriptionIsStillThereIsNotHidden() {
    subscriptionAfterwards(true);
    NullPointerException fault = new NullPointerException("a real fault");
    when(correlation.correlateWithResult()).thenThrow(fault);

    assertThatThrownBy(() -> flow.cancel(42, "changed mind")).isSameAs(fault);
  }
}
