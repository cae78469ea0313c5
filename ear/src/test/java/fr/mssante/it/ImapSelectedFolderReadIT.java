package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reads of a selected folder check the selection in the same statement as the read (ADR 0038), and
 * SELECT finds, checks and locks its folder in one statement. What a client sees must not change: a folder
 * renamed by another session stays readable under its UIDVALIDITY (RFC 3501 6.3.5 keeps UIDs and
 * UIDVALIDITY across a rename), a folder deleted by another session, or deleted and created again under the
 * same name (a new UIDVALIDITY, RFC 3501 2.3.1.1), never answers with the messages of what replaced it, and
 * a folder name of another mailbox is never selectable.
 */
@ExtendWith(PlatformExtension.class)
class ImapSelectedFolderReadIT {

    private static final String MESSAGE = "Subject: selected folder read\r\nFrom: a@hopital-demo.mssante.fr\r\n\r\n"
            + "body of the first message\r\n";
    /** A message's data in an answer: a FETCH response or a non-empty SEARCH response. */
    private static final Pattern MESSAGE_DATA = Pattern.compile("\\* \\d+ FETCH \\(|\\* SEARCH \\d");
    private static final String OTHER = "Subject: in the folder created again\r\n\r\nsomething else\r\n";

    private final LocalPlatform platform;
    private final ImapAccounts accounts;

    ImapSelectedFolderReadIT(LocalPlatform platform) {
        this.platform = platform;
        this.accounts = new ImapAccounts(platform);
    }

    @Test
    void aFolderRenamedByAnotherSessionStaysReadableUnderItsUidValidity() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        try (ImapWire reader = login(account); ImapWire other = login(account)) {
            other.command("CREATE Projets");
            ImapAccounts.append(other, "Projets", MESSAGE);
            reader.command("SELECT Projets");

            other.command("RENAME Projets Archives");

            assertThat(new String(reader.rawMessage(1), StandardCharsets.ISO_8859_1)).isEqualTo(MESSAGE);
            assertThat(reader.command("UID SEARCH SUBJECT \"selected folder read\"")).contains("* SEARCH 1");
            assertThat(reader.command("UID FETCH 1:* (UID FLAGS)")).anyMatch(l -> l.matches("\\* 1 FETCH \\(.*UID 1.*"));
        }
    }

    @Test
    void aFolderDeletedByAnotherSessionAnswersNoMessage() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        try (ImapWire reader = login(account); ImapWire other = login(account)) {
            other.command("CREATE Brouillons-tmp");
            ImapAccounts.append(other, "Brouillons-tmp", MESSAGE);
            reader.command("SELECT Brouillons-tmp");

            other.command("DELETE Brouillons-tmp");

            assertRefusedAsGone(answerOrClosed(reader, "UID FETCH 1 BODY.PEEK[]"));
        }
    }

    @Test
    void aFolderDeletedAndCreatedAgainNeverShowsTheNewFoldersMessages() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        try (ImapWire reader = login(account); ImapWire other = login(account)) {
            other.command("CREATE Dossier");
            ImapAccounts.append(other, "Dossier", MESSAGE);
            reader.command("SELECT Dossier");

            other.command("DELETE Dossier");
            other.command("CREATE Dossier");
            ImapAccounts.append(other, "Dossier", OTHER);

            assertRefusedAsGone(answerOrClosed(reader, "UID SEARCH ALL"));
        }
    }

    @Test
    void selectFindsItsFolderCaseInsensitiveInboxAndRefusesWhatIsNotThere() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        try (ImapWire imap = login(account)) {
            ImapAccounts.append(imap, "INBOX", MESSAGE);
            // RFC 3501 5.1: INBOX in any case is the INBOX.
            assertThat(imap.command("SELECT inbox")).contains("* 1 EXISTS");
            List<String> missing = imap.exchange("SELECT Nulle-part");
            assertThat(missing.get(missing.size() - 1)).matches("a\\d+ NO \\[NONEXISTENT\\].*");
        }
    }

    @Test
    void aFolderNameOfAnotherMailboxIsNotSelectable() throws Exception {
        String[] owner = accounts.newMailboxWithPassword();
        String[] stranger = accounts.newMailboxWithPassword();
        try (ImapWire ownerSession = login(owner); ImapWire strangerSession = login(stranger)) {
            ownerSession.command("CREATE Confidentiel");
            ImapAccounts.append(ownerSession, "Confidentiel", MESSAGE);

            List<String> select = strangerSession.exchange("EXAMINE Confidentiel");
            assertThat(select.get(select.size() - 1)).matches("a\\d+ NO \\[NONEXISTENT\\].*");
            assertThat(select).noneMatch(l -> l.contains("EXISTS"));
        }
    }

    private ImapWire login(String[] account) throws Exception {
        ImapWire imap = new ImapWire(platform.settings().imapPort(), platform.caCertificate());
        imap.command("LOGIN " + account[0] + " " + account[1]);
        return imap;
    }

    /** The lines of the answer, or, when the server ended the session, what the wire read before it closed. */
    private static List<String> answerOrClosed(ImapWire imap, String command) {
        try {
            return imap.exchange(command);
        } catch (IOException closed) {
            return List.of(closed.getMessage());
        }
    }

    /**
     * A selection whose folder is gone: the command is refused with NONEXISTENT (RFC 5530), or the session
     * ends with BYE when the update check runs first (RFC 3501 7.1.5); never a message of the folder.
     */
    private static void assertRefusedAsGone(List<String> lines) {
        assertThat(lines).noneMatch(l -> MESSAGE_DATA.matcher(l).find());
        String last = lines.get(lines.size() - 1);
        assertThat(last.matches("a\\d+ NO \\[NONEXISTENT\\].*") || lines.stream().anyMatch(l -> l.contains("* BYE")))
                .as("refused as gone: %s", lines).isTrue();
    }
}
