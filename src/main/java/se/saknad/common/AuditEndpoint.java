package se.saknad.common;

import io.micronaut.core.bind.annotation.Bindable;
import io.swagger.v3.oas.annotations.Parameter;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a controller's {@code String} argument to how the request's endpoint is named in the audit
 * trail: method and path, never the query or the body ({@link Endpoints#of}). Not a parameter of
 * the API, so hidden from the OpenAPI document.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Bindable
@Parameter(hidden = true)
public @interface AuditEndpoint {}
