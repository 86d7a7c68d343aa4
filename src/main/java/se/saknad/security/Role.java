package se.saknad.security;

/** What a signed-in person is allowed to see and do (product brief, "Who may see what"). */
public enum Role {
  ADMIN,
  COORDINATOR,
  HVB_STAFF,
  POLICE,
  SOCIAL_SERVICES,
  RESEARCHER,
  /**
   * A partner system (police command and control, a 116 000 hotline, a neighbouring country's desk)
   * bound to a PARTNER recipient: reads its CAP feed and the alerts in it, nothing else.
   */
  PARTNER
}
