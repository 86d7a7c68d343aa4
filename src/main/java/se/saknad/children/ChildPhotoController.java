package se.saknad.children;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.security.annotation.Secured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import se.saknad.common.AuditEndpoint;
import se.saknad.common.ProblemException;
import se.saknad.security.Caller;

@Controller("/api/v1/children")
class ChildPhotoController {
  private final ChildPhotos photos;

  ChildPhotoController(ChildPhotos photos) {
    this.photos = photos;
  }

  @Post(value = "/{id}/photos", consumes = MediaType.MULTIPART_FORM_DATA)
  @Secured({"HVB_STAFF", "COORDINATOR"})
  HttpResponse<ChildPhotos.PhotoView> upload(
      UUID id,
      @Nullable @Part("file") CompletedFileUpload file,
      @Nullable @Part("takenOn") String takenOn,
      Caller caller,
      @AuditEndpoint String endpoint) {
    if (file == null) {
      throw ProblemException.badRequest("file", "must not be null");
    }
    LocalDate taken;
    try {
      taken = takenOn == null || takenOn.isBlank() ? null : LocalDate.parse(takenOn.strip());
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest("takenOn", "not a date (YYYY-MM-DD)");
    }
    if (file.getSize() > PhotoImages.MAX_BYTES) {
      throw PhotoImages.tooLarge();
    }
    byte[] bytes;
    try {
      bytes = file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String type = file.getContentType().map(MediaType::getName).orElse(null);
    return HttpResponse.created(photos.upload(caller, id, bytes, type, taken, endpoint));
  }

  /** Anything but a multipart form is refused as such, for the roles that may upload. */
  @Post(
      value = "/{id}/photos",
      consumes = {
        MediaType.APPLICATION_JSON,
        MediaType.TEXT_PLAIN,
        MediaType.APPLICATION_FORM_URLENCODED,
        MediaType.APPLICATION_OCTET_STREAM,
        MediaType.IMAGE_JPEG,
        MediaType.IMAGE_PNG
      })
  @Secured({"HVB_STAFF", "COORDINATOR"})
  HttpResponse<Void> notMultipart(UUID id) {
    throw new ProblemException(
        io.micronaut.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        "Unsupported media type",
        "Send the photo as multipart/form-data with a part named file",
        null,
        null);
  }

  @Get("/{id}/photo")
  @Produces(MediaType.IMAGE_JPEG)
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  HttpResponse<byte[]> newest(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return ChildPhotos.answer(photos.newestForReader(caller, id, endpoint));
  }
}
