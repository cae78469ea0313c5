-- Every IMAP update check (NOOP, IDLE wake-up, the check after each command: ImapFolders.changes) asks
-- for the messages added to a folder since the session's last modseq, and claims their \Recent flag
-- (RFC 3501, section 2.3.2): `folder_id = ? AND created_modseq > ?`. Without this index both queries read
-- every row of the folder (the (folder_id, uid) index, then a filter on created_modseq), so a NOOP cost
-- grew with the mailbox: 1,239 messages, 2.6 ms of PostgreSQL time per NOOP (issue 11, BENCHMARKS.md).
-- With it they read only the added rows.
CREATE INDEX message_folder_created_modseq ON message (folder_id, created_modseq);
