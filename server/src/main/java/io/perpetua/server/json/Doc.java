package io.perpetua.server.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents a response property in the OpenAPI schema: a description and, for strings with a fixed
 * vocabulary, the values it can take.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT
})
public @interface Doc {
  /** What the property means. */
  String value();

  /** The only values a string property takes; empty for free text. */
  String[] allowed() default {};
}
