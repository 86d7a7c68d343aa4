package se.saknad.security;

/** What a signed-in person is allowed to see and do (product brief, "Who may see what"). */
public enum Role {
  ADMIN,
  COORDINATOR,
  HVB_STAFF,
  POLICE,
  SOCIAL_SERVICES,
  RESEARCHER
}
