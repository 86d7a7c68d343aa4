package se.saknad.security;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import java.util.List;
import se.saknad.security.UserApi.NewUser;
import se.saknad.security.UserApi.UserView;

@Controller("/api/v1/users")
@Secured("ADMIN")
class UserController {
  private final ManagingUsers managingUsers;

  UserController(ManagingUsers managingUsers) {
    this.managingUsers = managingUsers;
  }

  @Post
  HttpResponse<UserView> create(@Valid @Body NewUser request) {
    return HttpResponse.created(managingUsers.create(request));
  }

  @Get
  List<UserView> list() {
    return managingUsers.list();
  }
}
