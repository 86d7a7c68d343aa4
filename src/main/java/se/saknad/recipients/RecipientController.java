package se.saknad.recipients;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import se.saknad.recipients.RecipientApi.RecipientRequest;
import se.saknad.recipients.RecipientApi.RecipientView;

@Controller("/api/v1/recipients")
@Secured({"ADMIN", "COORDINATOR"})
class RecipientController {
  private final Recipients recipients;

  RecipientController(Recipients recipients) {
    this.recipients = recipients;
  }

  @Post
  HttpResponse<RecipientView> create(@Valid @Body RecipientRequest request) {
    return HttpResponse.created(recipients.create(request));
  }

  @Get
  List<RecipientView> list() {
    return recipients.list();
  }

  @Get("/{id}")
  RecipientView get(UUID id) {
    return recipients.get(id);
  }

  @Put("/{id}")
  RecipientView update(UUID id, @Valid @Body RecipientRequest request) {
    return recipients.update(id, request);
  }

  @Delete("/{id}")
  HttpResponse<Void> delete(UUID id) {
    recipients.delete(id);
    return HttpResponse.noContent();
  }
}
