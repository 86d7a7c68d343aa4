package se.saknad.homes;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import se.saknad.common.ProblemException;
import se.saknad.homes.HomeApi.HomeView;
import se.saknad.homes.HomeApi.NewHome;
import se.saknad.security.Caller;
import se.saknad.security.Role;

@Controller("/api/v1/homes")
class HomeController {
  private final Homes homes;

  HomeController(Homes homes) {
    this.homes = homes;
  }

  @Post
  @Secured({"ADMIN", "COORDINATOR"})
  HttpResponse<HomeView> create(@Valid @Body NewHome request) {
    return HttpResponse.created(homes.create(request));
  }

  /** HVB staff see their own home; the other roles that work with homes see all of them. */
  @Get("/{id}")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  HomeView get(UUID id, Caller caller) {
    if (caller.is(Role.HVB_STAFF) && !id.equals(caller.homeId())) {
      throw ProblemException.notFound("home");
    }
    return homes.require(id);
  }

  @Get
  @Secured({"ADMIN", "COORDINATOR"})
  List<HomeView> list() {
    return homes.list();
  }
}
