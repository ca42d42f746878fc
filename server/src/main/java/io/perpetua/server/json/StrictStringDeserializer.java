package io.perpetua.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import io.perpetua.core.Unicode;
import java.io.IOException;

/**
 * Reads a string field of a request body as the API documents it: only a JSON string is a string (a
 * number, boolean, array or object is refused, not converted: {@code "0.001"} and {@code 0.001} are
 * different inputs), and the text must be well-formed Unicode (a lone surrogate such as {@code
 * "\ud800"}, which cannot be stored or written back as UTF-8, is refused). Both failures are {@link
 * com.fasterxml.jackson.databind.exc.MismatchedInputException}s, which the body parser answers with
 * 40001 naming the field. Stateless.
 */
final class StrictStringDeserializer extends StdScalarDeserializer<String> {
  private static final long serialVersionUID = 1L;

  StrictStringDeserializer() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return (String) ctxt.handleUnexpectedToken(String.class, p);
    }
    String text = p.getText();
    if (!Unicode.isWellFormed(text)) {
      return (String) ctxt.handleWeirdStringValue(String.class, text, "a lone surrogate");
    }
    return text;
  }
}
