-- 10,000 messages in bench002's Archive folder, cloned from a delivered message (same blob, parsed data).
WITH f AS (SELECT f.id, f.tenant_id FROM folder f JOIN mailbox b ON b.id = f.mailbox_id
           WHERE b.address = 'bench002@hopital-demo.mssante.fr' AND f.name = 'Archive'),
     src AS (SELECT blob_sha256, rfc822_size FROM message LIMIT 1)
INSERT INTO message (id, tenant_id, folder_id, uid, modseq, created_modseq, blob_sha256, internal_date, rfc822_size, flags, recent)
SELECT gen_random_uuid(), f.tenant_id, f.id, g, g + 1, g + 1, src.blob_sha256, now() - (g || ' minutes')::interval, src.rfc822_size,
       CASE WHEN g % 3 = 0 THEN '{\Seen}'::text[] WHEN g % 7 = 0 THEN '{\Seen,\Flagged}'::text[] ELSE '{}'::text[] END, false
FROM f, src, generate_series(1, 10000) g;
UPDATE folder SET uid_next = 10001, highest_modseq = 10002
WHERE id = (SELECT f.id FROM folder f JOIN mailbox b ON b.id = f.mailbox_id WHERE b.address = 'bench002@hopital-demo.mssante.fr' AND f.name = 'Archive');
