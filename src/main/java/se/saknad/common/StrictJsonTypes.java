package se.saknad.common;

import io.micronaut.context.annotation.Factory;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.function.Function;

/**
 * Booleans and whole numbers are read strictly: {@code "consentToResearch": "yes"} or {@code
 * "escalateAfterMinutes": true} is a 400, never silently turned into false or 1. A child's consent
 * must be a JSON true, not whatever a string happens to convert to.
 */
@Factory
class StrictJsonTypes {

  /**
   * Text is refused where it comes in when it holds a control character other than tab, newline and
   * carriage return (or NUL): such text cannot be stored, or breaks every XML document (CAP, TwiML)
   * and SMS it would later appear in; and it is a JSON string, not an array of one. One rule for
   * every JSON field.
   */
  @Singleton
  Deserializer<String> storableText() {
    return new Deserializer<>() {
      @Override
      public String deserialize(
          Decoder decoder, DecoderContext context, Argument<? super String> type)
          throws IOException {
        // Text is a JSON string (a number or a flag as its text); never an array or an object,
        // which the decoder would otherwise unwrap: ["5000-K1"] is not a police case number.
        JsonNode node = decoder.decodeNode();
        String value;
        if (node.isString()) {
          value = node.getStringValue();
        } else if (node.isNumber() || node.isBoolean()) {
          value = node.coerceStringValue();
        } else {
          throw new SerdeException("expected text");
        }
        if (!StorableText.isStorable(value)) {
          throw new StorableText.Refused();
        }
        return value;
      }

      @Override
      public String deserializeNullable(
          Decoder decoder, DecoderContext context, Argument<? super String> type)
          throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
      }

      @Override
      public boolean allowNull() {
        return true;
      }
    };
  }

  @Singleton
  Deserializer<Boolean> strictBoolean() {
    return strict(node -> node.isBoolean() ? node.getBooleanValue() : null, "true or false");
  }

  @Singleton
  Deserializer<Integer> strictInteger() {
    return strict(
        node -> {
          if (!node.isNumber()) {
            return null;
          }
          double value = node.getNumberValue().doubleValue();
          boolean whole =
              value == Math.rint(value) && value <= Integer.MAX_VALUE && value >= Integer.MIN_VALUE;
          return whole ? (int) value : null;
        },
        "a whole number");
  }

  /** A deserializer that takes JSON null as null and otherwise only what {@code read} accepts. */
  private static <T> Deserializer<T> strict(Function<JsonNode, T> read, String expected) {
    return new Deserializer<>() {
      @Override
      public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type)
          throws IOException {
        T value = read.apply(decoder.decodeNode());
        if (value == null) {
          throw new SerdeException("expected " + expected);
        }
        return value;
      }

      @Override
      public T deserializeNullable(
          Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
      }

      @Override
      public boolean allowNull() {
        return true;
      }
    };
  }
}
