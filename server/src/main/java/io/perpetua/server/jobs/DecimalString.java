package io.perpetua.server.jobs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads a decimal that the job API carries as a JSON string ({@code "10000.00"}): a JSON number is
 * refused, naming the field, rather than converted (a binary float may not be the decimal meant).
 * Stateless.
 */
final class DecimalString extends StdDeserializer<String> {
  private static final long serialVersionUID = 1L;

  DecimalString() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      // a MismatchedInputException: the body parser answers "Invalid field 'x': expected a string"
      return (String) ctxt.handleUnexpectedToken(String.class, p);
    }
    return p.getText();
  }
}
