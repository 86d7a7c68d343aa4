package se.saknad.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import se.saknad.common.ProblemException;

/** {@code POST /login}: the same contract as Micronaut Security's login endpoint, throttled. */
@Controller("/login")
@Secured(SecurityRule.IS_ANONYMOUS)
class LoginController {
  @Serdeable
  record Credentials(
      @NotBlank @Size(max = 200) String username, @NotBlank @Size(max = 200) String password) {}

  private final SigningIn signingIn;
  private final AccessRefreshTokenGenerator tokens;
  private final ClientAddresses addresses;
  private final DeviceCookies devices;

  LoginController(
      SigningIn signingIn,
      AccessRefreshTokenGenerator tokens,
      ClientAddresses addresses,
      DeviceCookies devices) {
    this.signingIn = signingIn;
    this.tokens = tokens;
    this.addresses = addresses;
    this.devices = devices;
  }

  @Post
  @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED})
  HttpResponse<AccessRefreshToken> login(
      @Valid @Body Credentials credentials, HttpRequest<?> request) {
    Optional<DeviceCookies.Device> device = devices.of(request);
    SigningIn.Outcome outcome =
        signingIn.signIn(
            credentials.username(), credentials.password(), addresses.of(request), device);
    if (outcome instanceof SigningIn.SignedIn ok) {
      return HttpResponse.ok(
              tokens
                  .generate(ok.authentication())
                  .orElseThrow(() -> new IllegalStateException("no token generated")))
          .cookie(devices.issue(ok.account().id(), device));
    }
    if (outcome instanceof SigningIn.Throttled throttled) {
      throw throttled(throttled.retryAfterSeconds());
    }
    throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        "bad-credentials",
        "Sign-in failed",
        "The username or password is wrong",
        null,
        null);
  }

  /** 429 for sign-ins and password changes alike, with Retry-After. */
  static ProblemException throttled(long seconds) {
    return ProblemException.retryLater(
        HttpStatus.TOO_MANY_REQUESTS,
        "sign-in-throttled",
        "Too many failed sign-ins",
        "Too many failed sign-ins; wait retryAfterSeconds (also the Retry-After header) and try"
            + " again",
        seconds);
  }
}
