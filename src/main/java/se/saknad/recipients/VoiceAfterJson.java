package se.saknad.recipients;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import java.io.IOException;
import se.saknad.recipients.RecipientApi.VoiceAfter;

/**
 * Reads {@code voiceAfterMinutes} so that an explicit JSON null (no calls) differs from an absent
 * field (the kind's default). Only a whole number or null is accepted, as for every number.
 */
@Singleton
class VoiceAfterJson implements Deserializer<VoiceAfter> {
  @Override
  public VoiceAfter deserialize(
      Decoder decoder, DecoderContext context, Argument<? super VoiceAfter> type)
      throws IOException {
    JsonNode node = decoder.decodeNode();
    if (node.isNull()) {
      return new VoiceAfter(null);
    }
    if (!node.isNumber()) {
      throw new SerdeException("expected a whole number or null");
    }
    double value = node.getNumberValue().doubleValue();
    if (value != Math.rint(value) || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      throw new SerdeException("expected a whole number or null");
    }
    return new VoiceAfter((int) value);
  }

  @Override
  public VoiceAfter deserializeNullable(
      Decoder decoder, DecoderContext context, Argument<? super VoiceAfter> type)
      throws IOException {
    return decoder.decodeNull() ? new VoiceAfter(null) : deserialize(decoder, context, type);
  }

  @Override
  public boolean allowNull() {
    return true;
  }
}
