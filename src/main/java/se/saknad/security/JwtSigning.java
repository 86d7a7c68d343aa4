package se.saknad.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.common.KeptSecrets;

/**
 * The one HS256 key that signs and verifies access tokens. Production must give SAKNAD_JWT_SECRET;
 * the embedded default makes one and keeps it in its data directory so tokens survive a restart.
 */
@Factory
class JwtSigning {
  private static final Logger LOG = LoggerFactory.getLogger(JwtSigning.class);
  static final int MIN_SECRET_BYTES = 32;

  /** The configured secret, or in the embedded default the one kept in its data directory. */
  @Singleton
  SigningSecret secret(
      @Value("${saknad.jwt-secret:}") String configured,
      @Value("${saknad.embedded:false}") boolean embedded,
      @Value("${saknad.data-dir:.saknad}") String dataDir) {
    String secret = configured == null || configured.isBlank() ? null : configured;
    if (secret == null && embedded) {
      secret = KeptSecrets.readOrCreate(Path.of(dataDir, "jwt-secret"));
      LOG.info("Using the embedded default's JWT secret in {}", dataDir);
    }
    if (secret == null) {
      throw new IllegalStateException(
          "SAKNAD_JWT_SECRET is not set: give a random secret of at least 32 bytes");
    }
    if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalStateException("SAKNAD_JWT_SECRET must be at least 32 bytes (256 bits)");
    }
    return new SigningSecret(secret);
  }

  @Singleton
  @Named("generator")
  SignatureGeneratorConfiguration signature(SigningSecret secret) {
    SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
    config.setSecret(secret.value());
    config.setJwsAlgorithm(JWSAlgorithm.HS256);
    return new Hs256Only(config);
  }

  /**
   * The service's one HMAC secret. Tokens are signed with it; other signatures (the device cookie)
   * use keys derived from it for their own purpose, never the secret itself.
   */
  record SigningSecret(String value) {
    /** A key for one purpose: HMAC-SHA256 of the purpose under the secret. */
    byte[] derive(String purpose) {
      try {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(
            new javax.crypto.spec.SecretKeySpec(
                value.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
      }
    }

    @Override
    public String toString() {
      return "SigningSecret[hidden]";
    }
  }

  /**
   * The library's secret signature verifies every HMAC variant with the key; tokens are only ever
   * made with HS256, so nothing else is accepted.
   */
  static final class Hs256Only extends SecretSignature {
    Hs256Only(SecretSignatureConfiguration config) {
      super(config);
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
      return JWSAlgorithm.HS256.equals(algorithm);
    }

    // The validator tries every signature whatever it supports, so verification checks too.
    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
      return supports(jwt.getHeader().getAlgorithm()) && super.verify(jwt);
    }
  }
}
