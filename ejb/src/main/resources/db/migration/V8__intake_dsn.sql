-- RFC 3461 parameters of an accepted message, kept with its envelope so that delivery, relay and the
-- notices they produce honour what the sender asked. Null for messages accepted before this migration
-- and for parameters not given.
--   dsn_ret       FULL or HDRS (MAIL FROM RET=, section 4.3)
--   dsn_envid     ENVID decoded from xtext (section 4.4)
--   dsn_notify    per recipient, parallel to recipients[]: NOTIFY keywords joined by ',' or null (section 4.1)
--   dsn_orcpt     per recipient, parallel to recipients[]: ORCPT as addr-type;address or null (section 4.2)
ALTER TABLE intake_message ADD COLUMN dsn_ret varchar(4) CHECK (dsn_ret IN ('FULL', 'HDRS'));
ALTER TABLE intake_message ADD COLUMN dsn_envid text;
ALTER TABLE intake_message ADD COLUMN dsn_notify text[];
ALTER TABLE intake_message ADD COLUMN dsn_orcpt text[];
