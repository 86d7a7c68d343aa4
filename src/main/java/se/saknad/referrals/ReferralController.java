package se.saknad.referrals;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import se.saknad.common.AuditEndpoint;
import se.saknad.common.Idempotency;
import se.saknad.referrals.ReferralApi.Channel;
import se.saknad.referrals.ReferralApi.CloseRequest;
import se.saknad.referrals.ReferralApi.OpenRequest;
import se.saknad.referrals.ReferralApi.Outcome;
import se.saknad.referrals.ReferralApi.Reason;
import se.saknad.referrals.ReferralApi.ReferralSummary;
import se.saknad.referrals.ReferralApi.ReferralView;
import se.saknad.referrals.ReferralApi.Status;
import se.saknad.security.Caller;

@Controller("/api/v1")
class ReferralController {
  private final Referrals referrals;
  private final Idempotency idempotency;

  ReferralController(Referrals referrals, Idempotency idempotency) {
    this.referrals = referrals;
    this.idempotency = idempotency;
  }

  @Post("/cases/{id}/referrals")
  @Secured({"COORDINATOR", "SOCIAL_SERVICES"})
  HttpResponse<ReferralView> open(
      UUID id,
      @Valid @Body OpenRequest body,
      Caller caller,
      @AuditEndpoint String endpoint,
      @Nullable @Header(Idempotency.HEADER) String key) {
    return HttpResponse.created(
        idempotency.once(
            key,
            caller.userId(),
            "referral " + id,
            body,
            () -> referrals.openByHand(caller, id, body.reason(), endpoint),
            view -> view.referral().id(),
            referral -> referrals.read(caller, referral, endpoint)));
  }

  @Get("/referrals")
  @Secured({"COORDINATOR", "POLICE", "SOCIAL_SERVICES"})
  List<ReferralSummary> list(
      @Nullable @QueryValue Status status, Caller caller, @AuditEndpoint String endpoint) {
    return referrals.list(caller, status, endpoint);
  }

  @Get("/referrals/codes")
  @Secured({"COORDINATOR", "POLICE", "SOCIAL_SERVICES", "RESEARCHER"})
  Codes codes() {
    return new Codes(
        Arrays.stream(Reason.values()).map(r -> new Code(r.name(), r.sv)).toList(),
        Arrays.stream(Outcome.values()).map(o -> new Code(o.name(), o.sv)).toList());
  }

  @Get("/referrals/{id}")
  @Secured({"COORDINATOR", "POLICE", "SOCIAL_SERVICES"})
  ReferralView read(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return referrals.read(caller, id, endpoint);
  }

  @Post("/referrals/{id}/acknowledgement")
  @Secured({"COORDINATOR", "POLICE", "SOCIAL_SERVICES"})
  ReferralView acknowledge(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return referrals.acknowledge(caller, id, Channel.WEB, endpoint);
  }

  @Post("/referrals/{id}/close")
  @Secured({"COORDINATOR", "POLICE", "SOCIAL_SERVICES"})
  ReferralView close(
      UUID id, @Valid @Body CloseRequest body, Caller caller, @AuditEndpoint String endpoint) {
    return referrals.close(caller, id, body.outcome(), endpoint);
  }

  @Serdeable
  record Code(String code, String sv) {}

  @Serdeable
  record Codes(List<Code> reasons, List<Code> outcomes) {}
}
