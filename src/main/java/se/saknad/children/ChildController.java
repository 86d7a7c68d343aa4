package se.saknad.children;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import se.saknad.children.ChildApi.ChildProfile;
import se.saknad.children.ChildApi.ChildView;
import se.saknad.children.ChildApi.DuplicateCandidate;
import se.saknad.children.ChildApi.MergeRequest;
import se.saknad.common.Endpoints;
import se.saknad.security.Caller;

@Controller("/api/v1/children")
class ChildController {
  private final Children children;

  ChildController(Children children) {
    this.children = children;
  }

  @Post
  @Secured({"HVB_STAFF", "COORDINATOR"})
  HttpResponse<ChildView> register(
      @Valid @Body ChildProfile profile, Authentication auth, HttpRequest<?> request) {
    return HttpResponse.created(children.register(Caller.of(auth), profile, Endpoints.of(request)));
  }

  @Get("/{id}")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  ChildView read(UUID id, Authentication auth, HttpRequest<?> request) {
    return children.read(Caller.of(auth), id, Endpoints.of(request));
  }

  @Get("/{id}/history")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  List<ChildApi.ChildChange> history(UUID id, Authentication auth, HttpRequest<?> request) {
    return children.history(Caller.of(auth), id, Endpoints.of(request));
  }

  @Put("/{id}")
  @Secured({"HVB_STAFF", "COORDINATOR"})
  ChildView update(
      UUID id, @Valid @Body ChildProfile profile, Authentication auth, HttpRequest<?> request) {
    return children.update(Caller.of(auth), id, profile, Endpoints.of(request));
  }

  @Get
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  List<ChildView> list(
      @Nullable @QueryValue UUID homeId, Authentication auth, HttpRequest<?> request) {
    return children.list(Caller.of(auth), homeId, Endpoints.of(request));
  }

  @Get("/{id}/possible-duplicates")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  List<DuplicateCandidate> possibleDuplicates(
      UUID id, Authentication auth, HttpRequest<?> request) {
    return children.possibleDuplicates(Caller.of(auth), id, Endpoints.of(request));
  }

  @Post("/{id}/placement-ended")
  @Secured({"HVB_STAFF", "COORDINATOR"})
  ChildView placementEnded(
      UUID id,
      @Valid @Body ChildApi.PlacementEnded ended,
      Authentication auth,
      HttpRequest<?> request) {
    return children.endPlacement(Caller.of(auth), id, ended.endedOn(), Endpoints.of(request));
  }

  @Post("/{id}/merge")
  @Secured({"COORDINATOR"})
  ChildView merge(
      UUID id, @Valid @Body MergeRequest merge, Authentication auth, HttpRequest<?> request) {
    return children.merge(Caller.of(auth), id, merge.otherId(), Endpoints.of(request));
  }
}
