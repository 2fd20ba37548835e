package com.cjmflow.events;

/**
 * The anti-corruption layer: one implementation per inbound event type maps it onto our modules' facades. It runs
 * in the transaction that records the event (a rule violation rolls both back) and answers what it did, in words.
 * Malformed data is a 400 problem ({@link InboundData}); a rule violation (unknown order, state conflict) the facade's
 * problem.
 */
public interface InboundEventHandler {

  String type();

  String apply(InboundEvent event);
}
