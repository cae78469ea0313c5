package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.tenant.InvalidFieldException;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailboxCsvTest {

    private static List<MailboxCsv.Row> read(String csv) {
        return MailboxCsv.read(new StringReader(csv));
    }

    @Test
    void reads_quoted_cells_and_numbers_lines_as_a_spreadsheet_does() {
        List<MailboxCsv.Row> rows = read("\uFEFF" + MailboxCsv.HEADER + "\r\n"
                + "dr.a@h.fr,PER,\"Martin, Jean \"\"JM\"\"\",810001234567,2048,false,true\r\n"
                + "accueil@h.fr,org,,,,,\r\n");
        assertThat(rows).hasSize(2);
        MailboxCsv.Row first = rows.get(0);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.errors()).isEmpty();
        assertThat(first.request().displayName()).isEqualTo("Martin, Jean \"JM\"");
        assertThat(first.request().quotaBytes()).isEqualTo(2048L * 1024 * 1024);
        assertThat(first.request().publishedInDirectory()).isFalse();
        assertThat(first.request().redList()).isTrue();
        assertThat(rows.get(1).request().type()).isEqualTo(MailboxType.ORG);
        assertThat(rows.get(1).line()).isEqualTo(3);
    }

    @Test
    void every_bad_cell_of_a_line_is_named() {
        MailboxCsv.Row row = read("address,type,ownerNationalId,quotaMb,redList\n x@h.fr,XYZ,,beaucoup,peut-être\n").get(0);
        assertThat(row.errors()).extracting(InvalidFieldException::field)
                .containsExactlyInAnyOrder("address", "type", "quotaMb", "redList");
        assertThat(read("address,type\ndr@h.fr,PER\n").get(0).errors()).extracting(InvalidFieldException::field)
                .containsExactly("ownerNationalId");
    }

    @Test
    void the_header_is_checked() {
        assertThatThrownBy(() -> read("adresse,type\nx@h.fr,ORG\n")).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("unknown column 'adresse'");
        assertThatThrownBy(() -> read("address,displayName\nx@h.fr,X\n")).hasMessageContaining("required");
        assertThatThrownBy(() -> read("address,type,type\nx@h.fr,ORG,ORG\n")).hasMessageContaining("not a CSV file");
    }
}
