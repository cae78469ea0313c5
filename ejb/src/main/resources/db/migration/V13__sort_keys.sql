-- SORT and THREAD keys (RFC 5256) as typed columns of the parsed content, written once when the content is
-- parsed (delivery, APPEND; a COPY shares the content row), so that the IMAP engine never re-parses the
-- stored ENVELOPE text (issue 10, ADR 0033). sent_date (V1) is already the Date field's instant and
-- message_id its first msg-id; they serve SORT (DATE) and THREAD too.
--   base_subject      RFC 5256 section 2.1, encoded words decoded; NULL marks a row parsed before V13,
--                     whose keys are computed from the stored message the first time SORT or THREAD needs
--                     them (lazy backfill, ADR 0033)
--   reply_or_forward  extracting the base subject removed a reply/forward marker (THREAD step 6)
--   sort_from/to/cc   addr-mailbox of the first address of the field, '' for none (RFC 5256 section 3)
--   thread_references the parent msg-ids of THREAD=REFERENCES step 1.A, space-separated (msg-ids hold no
--                     whitespace once read)
-- message_content carries no tenant column (content-addressed, shared): no row-level security here,
-- as in V1/V4.
ALTER TABLE message_content
    ADD COLUMN base_subject      text,
    ADD COLUMN reply_or_forward  boolean NOT NULL DEFAULT false,
    ADD COLUMN sort_from         text    NOT NULL DEFAULT '',
    ADD COLUMN sort_to           text    NOT NULL DEFAULT '',
    ADD COLUMN sort_cc           text    NOT NULL DEFAULT '',
    ADD COLUMN thread_references text    NOT NULL DEFAULT '';
