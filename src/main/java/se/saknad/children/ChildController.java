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
import se.saknad.common.Pages;
import se.saknad.security.Caller;

@Controller("/api/v1/children")
class ChildController {
  private final RegisteringChildren registering;
  private final ReadingChildren reading;
  private final ChildHistory history;
  private final FindingDuplicates duplicates;
  private final EndingPlacements placements;
  private final MergingChildren merging;

  ChildController(
      RegisteringChildren registering,
      ReadingChildren reading,
      ChildHistory history,
      FindingDuplicates duplicates,
      EndingPlacements placements,
      MergingChildren merging) {
    this.registering = registering;
    this.reading = reading;
    this.history = history;
    this.duplicates = duplicates;
    this.placements = placements;
    this.merging = merging;
  }

  @Post
  @Secured({"HVB_STAFF", "COORDINATOR"})
  HttpResponse<ChildView> register(
      @Valid @Body ChildProfile profile, Caller caller, @AuditEndpoint String endpoint) {
    return HttpResponse.created(registering.register(caller, profile, endpoint));
  }

  @Get("/{id}")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  ChildView read(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return reading.read(caller, id, endpoint);
  }

  @Get("/{id}/history")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  List<ChildApi.ChildChange> history(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return history.read(caller, id, endpoint);
  }

  @Put("/{id}")
  @Secured({"HVB_STAFF", "COORDINATOR"})
  ChildView update(
      UUID id, @Valid @Body ChildProfile profile, Caller caller, @AuditEndpoint String endpoint) {
    return registering.update(caller, id, profile, endpoint);
  }

  /** A page at a time, by name; a {@code Link} header names the next page (see {@link Pages}). */
  @Get
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  HttpResponse<List<ChildView>> list(
      @Nullable @QueryValue UUID homeId,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue String after,
      Caller caller,
      @AuditEndpoint String endpoint) {
    return Pages.answer(
        reading.list(caller, homeId, limit, after, endpoint), "/api/v1/children", "homeId", homeId);
  }

  @Get("/{id}/possible-duplicates")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  List<DuplicateCandidate> possibleDuplicates(
      UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return duplicates.possibleDuplicates(caller, id, endpoint);
  }

  @Post("/{id}/placement-ended")
  @Secured({"HVB_STAFF", "COORDINATOR"})
  ChildView placementEnded(
      UUID id,
      @Valid @Body ChildApi.PlacementEnded ended,
      Caller caller,
      @AuditEndpoint String endpoint) {
    return placements.endPlacement(caller, id, ended.endedOn(), endpoint);
  }

  @Post("/{id}/merge")
  @Secured({"COORDINATOR"})
  ChildView merge(
      UUID id, @Valid @Body MergeRequest merge, Caller caller, @AuditEndpoint String endpoint) {
    return merging.merge(caller, id, merge.otherId(), endpoint);
  }
}
