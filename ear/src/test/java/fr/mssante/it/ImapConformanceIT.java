package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure classes an independent IMAP conformance suite found (issue 10), replayed from the RFC text
 * against the deployed EAR over STARTTLS, with the real mail store: SEARCH SENT* (RFC 3501 6.4.4), SORT
 * (CC) and SEARCH FROM over address lists (RFC 5256, RFC 5322 obsolete syntax), LIST-EXTENDED and LSUB
 * (RFC 5258, RFC 3501 6.3.9), invalid mailbox names (NO, not BAD), a 31 KiB ID (RFC 2971). The keyword
 * race is {@link ImapKeywordRaceIT}.
 */
@ExtendWith(PlatformExtension.class)
class ImapConformanceIT {

    private final LocalPlatform platform;
    private final ImapAccounts accounts;

    ImapConformanceIT(LocalPlatform platform) {
        this.platform = platform;
        this.accounts = new ImapAccounts(platform);
    }

    private ImapWire login(String[] account) throws Exception {
        ImapWire imap = new ImapWire(platform.settings().imapPort(), platform.caCertificate());
        imap.command("LOGIN " + account[0] + " " + account[1]);
        return imap;
    }

    @Test
    void sent_date_keys_compare_the_date_field_in_its_own_zone() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        try (ImapWire imap = login(account)) {
            // UID 1: late evening west of UTC, already the 16th in UTC.
            ImapAccounts.append(imap, "INBOX", "Date: Fri, 15 Mar 2024 23:30:00 -0500\r\nSubject: a\r\n\r\nx\r\n");
            // UID 2: just after midnight east of UTC, still the 15th in UTC; obsolete zone name and comment.
            ImapAccounts.append(imap, "INBOX", "Date: Sat, 16 Mar 24 00:10:00 +0200 (CEST)\r\nSubject: b\r\n\r\nx\r\n");
            // UID 3: no Date field; UID 4: one that cannot be parsed. Neither matches any SENT* key.
            ImapAccounts.append(imap, "INBOX", "Subject: c\r\n\r\nx\r\n");
            ImapAccounts.append(imap, "INBOX", "Date: demain matin\r\nSubject: d\r\n\r\nx\r\n");
            // UID 5: asctime order, no zone.
            ImapAccounts.append(imap, "INBOX", "Date: Fri Mar 15 08:00:00 2024\r\nSubject: e\r\n\r\nx\r\n");
            imap.command("SELECT INBOX");

            assertThat(search(imap, "UID SEARCH SENTON 15-Mar-2024")).containsExactly("1", "5");
            assertThat(search(imap, "UID SEARCH SENTON 16-Mar-2024")).containsExactly("2");
            assertThat(search(imap, "UID SEARCH SENTBEFORE 16-Mar-2024")).containsExactly("1", "5");
            assertThat(search(imap, "UID SEARCH SENTSINCE 16-Mar-2024")).containsExactly("2");
            assertThat(search(imap, "UID SEARCH NOT SENTSINCE 1-Jan-1970")).containsExactly("3", "4");
            assertThat(search(imap, "UID SEARCH OR SENTBEFORE 1-Jan-2000 SENTSINCE 1-Jan-2100")).isEmpty();
        }
    }

    @Test
    void sort_cc_and_search_from_read_address_lists_with_groups_comments_and_encoded_words() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        try (ImapWire imap = login(account)) {
            String[] ccs = {
                "Cc: \"Zed\" <delta@x.example>",                                    // 1: DELTA
                "Cc: Equipe: beta@x.example, alpha@y.example;",                    // 2: group skipped: BETA
                "Cc: (secr.) =?utf-8?q?Fran=C3=A7ois?= <gamma@x.example> (Dr)",   // 3: GAMMA
                "Cc: undisclosed-recipients:;",                                    // 4: no address: ""
                "X-No-Cc: none",                                                   // 5: no Cc: ""
                "Cc: epsilon@x.example (Epsilon), alpha@y.example"};               // 6: EPSILON
            String[] froms = {
                "From: =?utf-8?q?Fran=C3=A7ois?= =?utf-8?q?_Dupont?= <fd@labo.example>",
                "From: Labo: resultats@labo.example;",
                "From: fd@labo.example (=?iso-8859-1?q?Fran=E7ois_Dupont?=)",
                "From: \"Secr\\\"etariat\" <secretariat@h.example>",
                "From: <@relay.example:route@h.example>",
                "From: nobody"};
            for (int i = 0; i < ccs.length; i++) {
                ImapAccounts.append(imap, "INBOX", froms[i] + "\r\n" + ccs[i] + "\r\nSubject: s" + i + "\r\n\r\nx\r\n");
            }
            imap.command("SELECT INBOX");
            // RFC 5256 section 3: the addr-mailbox of the first address, "" when there is none; ties by sequence.
            assertThat(sorted(imap, "UID SORT (CC) UTF-8 ALL")).containsExactly("4", "5", "2", "1", "6", "3");
            assertThat(sorted(imap, "UID SORT (REVERSE CC) UTF-8 ALL")).containsExactly("3", "6", "1", "2", "4", "5");
            // SEARCH FROM: a substring of the From field as the user reads it (encoded words decoded).
            assertThat(search(imap, "UID SEARCH FROM \"Dupont\"")).containsExactly("1", "3");
            String francois = new String("François".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            assertThat(search(imap, "UID SEARCH CHARSET UTF-8 FROM {" + francois.length() + "+}\r\n" + francois))
                    .containsExactly("1", "3");
            assertThat(search(imap, "UID SEARCH FROM \"resultats@labo.example\"")).containsExactly("2");
            assertThat(search(imap, "UID SEARCH FROM \"route@h.example\"")).containsExactly("5");
        }
    }

    @Test
    void list_extended_and_lsub_follow_subscriptions() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        try (ImapWire imap = login(account)) {
            imap.command("CREATE Projets/Cardio/2025");
            imap.command("SUBSCRIBE Projets/Cardio");
            // RFC 3501 6.3.9: only a child is subscribed, "%" gives the parent \Noselect.
            assertThat(imap.command("LSUB \"\" \"Pro%\"")).hasSize(2).contains("* LSUB (\\Noselect) \"/\" \"Projets\"");
            assertThat(imap.command("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"Pro%\" RETURN (CHILDREN)"))
                    .contains("* LIST (\\HasChildren) \"/\" \"Projets\" (\"CHILDINFO\" (\"SUBSCRIBED\"))");
            imap.command("SUBSCRIBE Projets/Cardio/2025");
            imap.command("DELETE Projets/Cardio/2025");
            assertThat(imap.command("LIST (SUBSCRIBED) \"\" \"Projets/*\"")).contains(
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"Projets/Cardio\"",
                    "* LIST (\\NonExistent \\HasNoChildren \\Subscribed) \"/\" \"Projets/Cardio/2025\"");
            assertThat(imap.command("LSUB \"\" \"Projets/*\"")).contains("* LSUB (\\Noselect) \"/\" \"Projets/Cardio/2025\"");
            assertThat(imap.command("LIST \"\" \"Projets/*\"")).noneMatch(l -> l.contains("2025"));
            imap.command("UNSUBSCRIBE Projets/Cardio/2025");
            assertThat(imap.command("LSUB \"\" \"Projets/*\"")).noneMatch(l -> l.contains("2025"));
        }
    }

    @Test
    void invalid_names_get_no_and_a_31_kib_id_is_accepted() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        try (ImapWire imap = login(account)) {
            // More than the ten consecutive BADs that end a session: NO is an answer, the session goes on.
            for (String command : List.of("CREATE \"&Jjo\"", "CREATE \"a&b\"", "SELECT \"&\"", "LIST \"\" \"&Jjo*\"",
                    "RENAME INBOX \"&x\"", "STATUS \"&\" (MESSAGES)", "SUBSCRIBE \"&\"", "LSUB \"\" \"&\"",
                    "DELETE \"&AGE-\"", "EXAMINE \"&\"", "CREATE \"&Jjo\"", "CREATE \"a%b\"")) {
                assertThat(last(imap.exchange(command))).as(command).matches("a\\d+ NO .*");
            }
            imap.command("CREATE \"Notes (2025) [x] {y}\"");
            assertThat(imap.command("LIST \"\" \"Notes (2025)*\"")).hasSize(2);
            assertThat(last(imap.exchange("LIST \"\" \"" + "*a".repeat(3000) + "\""))).matches("a\\d+ OK .*");

            StringBuilder id = new StringBuilder("ID (");
            for (int i = 1; i <= 30; i++) {
                id.append(i > 1 ? " " : "").append('"').append(String.format("x-field-%02d-%s", i, "f".repeat(19)))
                        .append("\" \"").append("v".repeat(1024)).append('"');
            }
            String line = id.append(')').toString();
            assertThat(line.length()).isGreaterThan(31_000);
            assertThat(imap.command(line)).anyMatch(l -> l.startsWith("* ID ("));
            assertThat(last(imap.exchange("ID (\"name\" \"" + "x".repeat(70_000) + "\")")))
                    .matches("a\\d+ BAD .*");
            assertThat(last(imap.exchange("NOOP"))).matches("a\\d+ OK .*");
        }
    }

    @Test
    void search_body_reads_html_parts_as_text() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        try (ImapWire imap = login(account)) {
            ImapAccounts.append(imap, "INBOX", "Subject: html\r\nMIME-Version: 1.0\r\nContent-Type: text/html; "
                    + "charset=us-ascii\r\n\r\n<html><head><style>p{color:red}</style></head><body><p>Bilan "
                    + "d&eacute;j&agrave; transmis&nbsp;au <b>Dr</b> Martin &hearts;</p><script>var secret=1;</script>"
                    + "</body></html>\r\n");
            imap.command("SELECT INBOX");
            String deja = new String("déjà transmis au Dr Martin ♥".getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1);
            assertThat(search(imap, "UID SEARCH CHARSET UTF-8 BODY {" + deja.length() + "+}\r\n" + deja))
                    .containsExactly("1");
            assertThat(search(imap, "UID SEARCH BODY secret")).as("script content is no text").isEmpty();
            assertThat(search(imap, "UID SEARCH BODY color")).as("style content is no text").isEmpty();
        }
    }

    private static List<String> search(ImapWire imap, String command) throws Exception {
        return numbers(imap.command(command), "* SEARCH");
    }

    private static List<String> sorted(ImapWire imap, String command) throws Exception {
        return numbers(imap.command(command), "* SORT");
    }

    private static List<String> numbers(List<String> lines, String prefix) {
        List<String> numbers = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                for (String word : line.substring(prefix.length()).trim().split(" ")) {
                    if (!word.isEmpty()) {
                        numbers.add(word);
                    }
                }
            }
        }
        return numbers;
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
