package com.cjmflow.events.inbound;

import java.math.BigDecimal;

import org.springframework.stereotype.Component;

import com.cjmflow.customers.Customers;
import com.cjmflow.events.InboundData;
import com.cjmflow.events.InboundEvent;
import com.cjmflow.events.InboundEventHandler;
import com.cjmflow.orderflow.OrderFlow;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code order.created} from the shop: books the order, once per external id (as the booking API does). */
@Component
class OrderCreatedHandler implements InboundEventHandler {

  private final OrderFlow orderFlow;

  OrderCreatedHandler(OrderFlow orderFlow) {
    this.orderFlow = orderFlow;
  }

  @Override
  public String type() {
    return "order.created";
  }

  @Override
  public String apply(InboundEvent event) {
    JsonNode data = event.data();
    JsonNode customer = object(data, "customer");
    JsonNode bike = object(data, "bike");
    String email = InboundData.optionalText(customer, "email");
    String phone = InboundData.optionalText(customer, "phone");
    if (email == null && phone == null) {
      throw InboundData.invalid("data.customer needs an email or a phone");
    }
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw InboundData.invalid("data.customer.email is not an e-mail address");
    }
    String tier = customer.hasNonNull("tier") ? InboundData.text(customer, "tier") : "standard";
    if (!tier.matches("standard|vip")) {
      throw InboundData.invalid("data.customer.tier must be standard or vip");
    }
    String country = InboundData.text(bike, "sellerCountry");
    if (!country.matches("[A-Z]{2}")) {
      throw InboundData.invalid("data.bike.sellerCountry must be an ISO 3166 alpha-2 code");
    }
    String externalId = InboundData.text(data, "externalId");
    String name = InboundData.text(customer, "name");
    String title = InboundData.text(bike, "title");
    if (externalId.length() > 100 || name.length() > 200 || title.length() > 300) {
      throw InboundData.invalid("data.externalId, customer.name or bike.title is too long");
    }
    BigDecimal price = InboundData.amount(bike, "priceEur");
    OrderFlow.Booking booking = orderFlow.book(new OrderFlow.NewOrder(externalId,
        new Customers.Contact(name, email, phone, tier), title, country, price,
        InboundData.flag(data, "reserveRequired"), InboundData.flag(data, "expertInspection")));
    return (booking.created() ? "booked order " : "order already booked: ") + booking.orderId();
  }

  private static JsonNode object(JsonNode data, String field) {
    JsonNode value = data.get(field);
    if (value == null || !value.isObject()) {
      throw InboundData.invalid("data." + field + " must be an object");
    }
    return value;
  }
}
