package se.saknad.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

@ConfigurationProperties("saknad.login")
record SecurityConfig(int maxFailures, Duration window) {}
