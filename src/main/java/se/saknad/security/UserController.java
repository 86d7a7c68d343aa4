package se.saknad.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import se.saknad.common.AuditEndpoint;
import se.saknad.security.UserApi.AccountChange;
import se.saknad.security.UserApi.NewUser;
import se.saknad.security.UserApi.PasswordChange;
import se.saknad.security.UserApi.UserView;

@Controller("/api/v1/users")
@Secured("ADMIN")
class UserController {
  private final ManagingUsers managingUsers;
  private final ClientAddresses addresses;

  UserController(ManagingUsers managingUsers, ClientAddresses addresses) {
    this.managingUsers = managingUsers;
    this.addresses = addresses;
  }

  @Post
  HttpResponse<UserView> create(@Valid @Body NewUser request) {
    return HttpResponse.created(managingUsers.create(request));
  }

  @Get
  List<UserView> list() {
    return managingUsers.list();
  }

  @Patch("/{id}")
  UserView change(
      UUID id, @Valid @Body AccountChange change, Caller caller, @AuditEndpoint String endpoint) {
    return managingUsers.change(caller, id, change, endpoint);
  }

  @Put("/me/password")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  HttpResponse<Void> changeOwnPassword(
      @Valid @Body PasswordChange change,
      Caller caller,
      @AuditEndpoint String endpoint,
      HttpRequest<?> request) {
    managingUsers.changeOwnPassword(caller, change, addresses.of(request), endpoint);
    return HttpResponse.noContent();
  }
}
