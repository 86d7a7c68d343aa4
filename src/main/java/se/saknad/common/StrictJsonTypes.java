package se.saknad.common;

import io.micronaut.context.annotation.Factory;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Booleans and whole numbers are read strictly: {@code "consentToResearch": "yes"} or {@code
 * "escalateAfterMinutes": true} is a 400, never silently turned into false or 1. A child's consent
 * must be a JSON true, not whatever a string happens to convert to.
 */
@Factory
class StrictJsonTypes {

  @Singleton
  Deserializer<Boolean> strictBoolean() {
    return new Deserializer<>() {
      @Override
      public Boolean deserialize(
          Decoder decoder, DecoderContext context, Argument<? super Boolean> type)
          throws IOException {
        JsonNode node = decoder.decodeNode();
        if (!node.isBoolean()) {
          throw new SerdeException("expected true or false");
        }
        return node.getBooleanValue();
      }

      @Override
      public Boolean deserializeNullable(
          Decoder decoder, DecoderContext context, Argument<? super Boolean> type)
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
  Deserializer<Integer> strictInteger() {
    return new Deserializer<>() {
      @Override
      public Integer deserialize(
          Decoder decoder, DecoderContext context, Argument<? super Integer> type)
          throws IOException {
        JsonNode node = decoder.decodeNode();
        if (!node.isNumber()) {
          throw new SerdeException("expected a whole number");
        }
        double value = node.getNumberValue().doubleValue();
        if (value != Math.rint(value) || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
          throw new SerdeException("expected a whole number");
        }
        return (int) value;
      }

      @Override
      public Integer deserializeNullable(
          Decoder decoder, DecoderContext context, Argument<? super Integer> type)
          throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
      }

      @Override
      public boolean allowNull() {
        return true;
      }
    };
  }
}
