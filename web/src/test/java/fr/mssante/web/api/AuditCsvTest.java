package fr.mssante.web.api;

import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCsvTest {

    @Test
    void cells_that_a_spreadsheet_would_evaluate_are_written_as_text() {
        assertThat(AuditCsv.safe("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(AuditCsv.safe("+1")).isEqualTo("'+1");
        assertThat(AuditCsv.safe("-1")).isEqualTo("'-1");
        assertThat(AuditCsv.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditCsv.safe("\tx")).isEqualTo("'\tx");
        assertThat(AuditCsv.safe("mailbox=a@b.fr name==x")).isEqualTo("mailbox=a@b.fr name==x");
        assertThat(AuditCsv.safe(null)).isNull();
    }

    @Test
    void rows_are_rfc_4180_with_a_header() throws Exception {
        StringWriter out = new StringWriter();
        try (AuditCsv csv = new AuditCsv(out)) {
            csv.write(new AuditEntry(7, OffsetDateTime.parse("2026-12-03T10:00:00Z"), AuditAction.APP_PASSWORD_CREATED,
                    "api:x", "a@b.fr", "name=\"Mac, bureau\""));
        }
        assertThat(out.toString()).isEqualTo("id,occurredAt,type,actor,mailbox,details\r\n"
                + "7,2026-12-03T10:00Z,APP_PASSWORD_CREATED,api:x,a@b.fr,\"name=\"\"Mac, bureau\"\"\"\r\n");
    }
}
