package se.saknad.geo;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record Municipality(String code, String name, String countyCode) {}
