-- Partner systems (police command and control, 116 000 hotlines, neighbouring countries) take
-- alerts as CAP from an Atom feed: a recipient kind of their own, and a role for their accounts.
ALTER TABLE recipient DROP CONSTRAINT recipient_kind_check;
ALTER TABLE recipient ADD CONSTRAINT recipient_kind_check
  CHECK (kind IN ('POLICE', 'SOCIAL_SERVICES', 'SHELTER', 'GUARDIAN', 'MIGRATION_AGENCY', 'OTHER',
                  'TRAFFICKING_COORDINATOR', 'PARTNER'));

ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
  CHECK (role IN ('ADMIN', 'COORDINATOR', 'HVB_STAFF', 'POLICE', 'SOCIAL_SERVICES', 'RESEARCHER',
                  'PARTNER'));
