package com.cjmflow.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The tables a module writes, on its {@code package-info.java}. Every CRM table has exactly one owner; other modules
 * read it at most, and change it through the owner's API or an event the owner handles in the same transaction
 * (checked by {@code TableOwnershipTest}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface OwnsTables {

  String[] value();
}
