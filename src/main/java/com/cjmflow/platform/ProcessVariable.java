package com.cjmflow.platform;

import java.util.Date;
import java.util.function.Function;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * One process variable: its name once, typed reads and writes (the idea of holunda's camunda-bpm-data, without its
 * Kotlin runtime for forty lines). Values stay plain (numbers, strings, flags, dates), never serialized objects.
 */
public final class ProcessVariable<T> {

  private final String name;
  private final Function<Object, T> reader;

  private ProcessVariable(String name, Function<Object, T> reader) {
    this.name = name;
    this.reader = reader;
  }

  /** A whole number; forms and REST clients send it as Integer, Long or a numeric string (anything else is null). */
  public static ProcessVariable<Long> longValue(String name) {
    return new ProcessVariable<>(name, value -> value instanceof Number number ? Long.valueOf(number.longValue())
        : parseLong(value.toString()));
  }

  /** A count or another small whole number, stored as Integer. */
  public static ProcessVariable<Integer> intValue(String name) {
    return new ProcessVariable<>(name, value -> {
      Long number = value instanceof Number n ? Long.valueOf(n.longValue()) : parseLong(value.toString());
      return number == null ? null : Math.toIntExact(number);
    });
  }

  public static ProcessVariable<String> stringValue(String name) {
    return new ProcessVariable<>(name, Object::toString);
  }

  /** A flag: {@code true} or the string {@code "true"}; anything else reads as false. */
  public static ProcessVariable<Boolean> flag(String name) {
    return new ProcessVariable<>(name, value -> Boolean.TRUE.equals(value) || "true".equals(value));
  }

  public static ProcessVariable<Date> date(String name) {
    return new ProcessVariable<>(name, Date.class::cast);
  }

  private static Long parseLong(String text) {
    try {
      return Long.valueOf(text.strip());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  public String name() {
    return name;
  }

  /** The value in {@code scope} (its own or an outer scope's), or null. */
  public T from(VariableScope scope) {
    Object value = scope.getVariable(name);
    return value == null ? null : reader.apply(value);
  }

  /** The value, which the process must have: its absence is a technical failure (a retry, then an incident). */
  public T required(VariableScope scope) {
    T value = from(scope);
    if (value == null) {
      throw new ProcessEngineException("The process variable '" + name + "' is missing");
    }
    return value;
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  /** Adds the value to variables for a start, a message or a completion; answers them for chaining. */
  public VariableMap put(VariableMap variables, T value) {
    return variables.putValue(name, value);
  }

  @Override
  public String toString() {
    return name;
  }
}
