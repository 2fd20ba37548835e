package com.cjmflow.orderflow;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** Published (a Spring application event, in the booking transaction) when an order was registered. */
public record OrderBooked(long orderId, String externalId, long customerId, String bikeTitle, String sellerCountry,
    BigDecimal priceEur, boolean reserveRequired, boolean expertInspection, OffsetDateTime bookedAt) {}
