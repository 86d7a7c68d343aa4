package se.saknad.children;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import se.saknad.children.ChildApi.ChildProfile;
import se.saknad.children.ChildApi.ChildView;
import se.saknad.children.ChildApi.DuplicateCandidate;
import se.saknad.children.ChildApi.MergeRequest;
import se.saknad.common.AuditEndpoint;
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
      @Valid @Body ChildProfile profile, Caller caller, @AuditEndpoint String endpoint) {
    return HttpResponse.created(children.register(caller, profile, endpoint));
  }

  @Get("/{id}")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  ChildView read(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return children.read(caller, id, endpoint);
  }

  @Get("/{id}/history")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  List<ChildApi.ChildChange> history(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return children.history(caller, id, endpoint);
  }

  @Put("/{id}")
  @Secured({"HVB_STAFF", "COORDINATOR"})
  ChildView update(
      UUID id, @Valid @Body ChildProfile profile, Caller caller, @AuditEndpoint String endpoint) {
    return children.update(caller, id, profile, endpoint);
  }

  @Get
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  List<ChildView> list(
      @Nullable @QueryValue UUID homeId, Caller caller, @AuditEndpoint String endpoint) {
    return children.list(caller, homeId, endpoint);
  }

  @Get("/{id}/possible-duplicates")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  List<DuplicateCandidate> possibleDuplicates(
      UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return children.possibleDuplicates(caller, id, endpoint);
  }

  @Post("/{id}/placement-ended")
  @Secured({"HVB_STAFF", "COORDINATOR"})
  ChildView placementEnded(
      UUID id,
      @Valid @Body ChildApi.PlacementEnded ended,
      Caller caller,
      @AuditEndpoint String endpoint) {
    return children.endPlacement(caller, id, ended.endedOn(), endpoint);
  }

  @Post("/{id}/merge")
  @Secured({"COORDINATOR"})
  ChildView merge(
      UUID id, @Valid @Body MergeRequest merge, Caller caller, @AuditEndpoint String endpoint) {
    return children.merge(caller, id, merge.otherId(), endpoint);
  }
}
