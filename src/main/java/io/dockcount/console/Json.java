package io.dockcount.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON for the console API: objects are insertion-ordered maps, money is a string with at least
 * two decimals (exact, never a binary float), times are ISO-8601 UTC strings.
 */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  /** Returns an object of the given name, value pairs. */
  static Map<String, Object> obj(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static String money(BigDecimal v) {
    return v == null ? null : v.scale() < 2 ? v.setScale(2, RoundingMode.UNNECESSARY)
        .toPlainString() : v.toPlainString();
  }

  static String time(OffsetDateTime t) {
    return t == null ? null
        : t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String bytesAsText(Object value) {
    return new String(bytes(value), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Parses a request body; a body that is not a JSON object is an {@link BadRequest}. */
  static JsonNode parseObject(String body) {
    JsonNode n;
    try {
      n = MAPPER.readTree(body.isBlank() ? "{}" : body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new BadRequest("the body must be a JSON object");
    }
    return n;
  }

  /** Returns a text field of the body, or null when absent; a non-text value is refused. */
  static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new BadRequest("field \"" + field + "\" must be text");
    }
    return v.asText();
  }

  /** Bad input from a client: answered 400 with the message. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
