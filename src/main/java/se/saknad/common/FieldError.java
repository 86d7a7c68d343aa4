package se.saknad.common;

import io.micronaut.serde.annotation.Serdeable;

/** One offending field of a request, as listed in a problem's {@code errors}. */
@Serdeable
public record FieldError(String field, String message) {}
