package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.FolderDelta;
import fr.mssante.connector.api.imap.FolderRef;
import fr.mssante.connector.api.imap.MessageMeta;
import fr.mssante.connector.api.imap.SelectedFolder;
import fr.mssante.connector.imap.protocol.ImapSyntaxException;
import fr.mssante.connector.imap.protocol.SequenceSet;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.imap.response.ImapResponse.FetchData;
import fr.mssante.connector.imap.response.ImapResponse.FetchValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sequence number map: what the client has been told, and nothing else. */
class SelectedMailboxTest {

    private static final FolderRef INBOX = new FolderRef("f1", "INBOX", 42);
    private static final SelectedMailbox.Updates ANY = new SelectedMailbox.Updates(true, false, false, false);
    private static final SelectedMailbox.Updates NO_EXPUNGE = new SelectedMailbox.Updates(false, false, false, false);

    private static MessageMeta meta(long uid, long modseq, String... flags) {
        return new MessageMeta(uid, modseq, List.of(flags));
    }

    /** UIDs 10, 20, 30, 40 with MODSEQ 1..4; 40 is \Recent. */
    private static SelectedMailbox mailbox(boolean readOnly) {
        return new SelectedMailbox(new SelectedFolder(INBOX, 41, 4,
                List.of(meta(10, 1), meta(20, 2, "\\Seen"), meta(30, 3), meta(40, 4)), List.of(40L), List.of("$x"), false),
                readOnly);
    }

    /** A delta whose added messages were all claimed as \Recent by this session. */
    private static FolderDelta delta(long highest, List<MessageMeta> added, List<MessageMeta> changed, List<Long> expunged) {
        return new FolderDelta(highest, 100, added, changed, expunged, added.stream().map(MessageMeta::uid).toList());
    }

    @Test
    void resolvesSequenceNumbersAndUids() throws ImapSyntaxException {
        SelectedMailbox mailbox = mailbox(false);
        assertThat(mailbox.resolve(SequenceSet.parse("2:*"), false)).containsExactly(20L, 30L, 40L);
        assertThat(mailbox.resolve(SequenceSet.parse("4,1"), false)).containsExactly(10L, 40L);
        assertThat(mailbox.resolve(SequenceSet.parse("15:35"), true)).containsExactly(20L, 30L);
        assertThat(mailbox.resolve(SequenceSet.parse("50:*"), true)).as("* is the last UID").containsExactly(40L);
        assertThat(mailbox.resolve(SequenceSet.parse("41:45"), true)).isEmpty();
        assertThatThrownBy(() -> mailbox.resolve(SequenceSet.parse("5"), false)).isInstanceOf(ImapSyntaxException.class);
        assertThat(mailbox.sequenceNumber(30)).isEqualTo(3);
        assertThat(mailbox.sequenceNumber(35)).isEqualTo(-1);
    }

    @Test
    void aNewKeywordIsAnnouncedBeforeTheFetchThatCarriesIt() {
        SelectedMailbox mailbox = mailbox(false);
        List<ImapResponse> responses = mailbox.apply(delta(9, List.of(), List.of(meta(20, 9, "\\Seen", "Urgent")), List.of()), ANY);
        // RFC 3501 7.2.6: the FLAGS response defines the keywords the following FETCH responses may use.
        assertThat(responses).hasSize(3);
        assertThat(responses.get(0)).isEqualTo(new ImapResponse.Flags(
                List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "$x", "Urgent")));
        assertThat(responses.get(1)).isEqualTo(mailbox.permanentFlags());
        assertThat(responses.get(2)).isInstanceOf(ImapResponse.Fetch.class);
    }

    @Test
    void keywordsAreAnnouncedOnceWhateverTheirCase() {
        SelectedMailbox mailbox = mailbox(false);
        assertThat(mailbox.announce(List.of("\\Seen", "$X"))).as("$x is known from SELECT").isEmpty();
        assertThat(mailbox.announce(List.of("Projet"))).hasSize(2);
        assertThat(mailbox.announce(List.of("projet"))).isEmpty();
        assertThat(mailbox.keywords()).containsExactly("$x", "Projet");
    }

    @Test
    void aReadOnlySelectionAnnouncesNoPermanentFlags() {
        SelectedMailbox mailbox = mailbox(true);
        assertThat(mailbox.announce(List.of("Projet")).get(1)).isEqualTo(ImapResponse.StatusResponse.untagged(
                ImapResponse.Status.OK, ImapResponse.Code.of("PERMANENTFLAGS", "()"), "No permanent flags permitted"));
    }

    @Test
    void newMessagesGetTheNextNumbersAndAreRecentForAReadWriteSelection() {
        SelectedMailbox mailbox = mailbox(false);
        List<ImapResponse> responses = mailbox.apply(delta(6, List.of(meta(50, 5), meta(60, 6, "$new")), List.of(), List.of()), ANY);
        assertThat(responses).containsExactly(
                new ImapResponse.Flags(List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "$x", "$new")),
                mailbox.permanentFlags(), new ImapResponse.Exists(6), new ImapResponse.Recent(3));
        assertThat(mailbox.sequenceNumber(60)).isEqualTo(6);
        assertThat(mailbox.highestModseq()).isEqualTo(6);
        assertThat(mailbox(true).apply(delta(5, List.of(meta(50, 5)), List.of(), List.of()), ANY))
                .as("EXAMINE claims no \\Recent").containsExactly(new ImapResponse.Exists(5));
    }

    @Test
    void onlyTheNewMessagesClaimedByThisSessionAreRecent() {
        SelectedMailbox mailbox = mailbox(false);
        FolderDelta claimedElsewhere = new FolderDelta(6, 100, List.of(meta(50, 5), meta(60, 6)), List.of(), List.of(),
                List.of(60L));
        assertThat(mailbox.apply(claimedElsewhere, ANY))
                .as("50 was claimed by another session").containsExactly(new ImapResponse.Exists(6), new ImapResponse.Recent(2));
        assertThat(mailbox.isRecent(50)).isFalse();
        assertThat(mailbox.isRecent(60)).isTrue();
        SelectedMailbox other = mailbox(false);
        assertThat(other.apply(new FolderDelta(7, 100, List.of(meta(70, 7)), List.of(), List.of(), List.of()), ANY))
                .as("nothing claimed: no RECENT response").containsExactly(new ImapResponse.Exists(5));
        assertThat(other.isRecent(70)).isFalse();
    }

    @Test
    void flagChangesAreReportedOnceWithTheirModseq() {
        SelectedMailbox mailbox = mailbox(false);
        SelectedMailbox.Updates condstore = new SelectedMailbox.Updates(true, true, false, false);
        assertThat(mailbox.apply(delta(5, List.of(), List.of(meta(20, 5, "\\Seen", "\\Flagged")), List.of()), condstore))
                .containsExactly(new ImapResponse.Fetch(2, List.of(
                        new FetchData("FLAGS", new FetchValue.Atom("(\\Seen \\Flagged)")),
                        new FetchData("MODSEQ", new FetchValue.Atom("(5)")))));
        assertThat(mailbox.apply(delta(5, List.of(), List.of(meta(20, 5, "\\Seen", "\\Flagged")), List.of()), condstore))
                .as("same MODSEQ: already told").isEmpty();
        mailbox.reported(30, 6);
        assertThat(mailbox.apply(delta(6, List.of(), List.of(meta(30, 6, "\\Seen")), List.of()), ANY))
                .as("the client learnt it from its own STORE").isEmpty();
    }

    @Test
    void expungesWaitForACommandThatMayReportThem() {
        SelectedMailbox mailbox = mailbox(false);
        assertThat(mailbox.apply(delta(5, List.of(meta(50, 5)), List.of(), List.of(20L, 40L)), NO_EXPUNGE))
                .containsExactly(new ImapResponse.Exists(5), new ImapResponse.Recent(2));
        // Sequence numbers are unchanged: 4 is still UID 40, 5 the new message.
        assertThat(mailbox.count()).isEqualTo(5);
        assertThat(mailbox.uidAt(4)).isEqualTo(40);
        assertThat(mailbox.expungePending(20)).isTrue();
        assertThat(mailbox.apply(delta(5, List.of(), List.of(meta(40, 5, "\\Seen")), List.of()), NO_EXPUNGE))
                .as("no flags for a message known to be gone").isEmpty();
        assertThat(mailbox.expunged(List.of(), ANY))
                .as("decreasing order: no number changes before it is used")
                .containsExactly(new ImapResponse.Expunge(4), new ImapResponse.Expunge(2));
        assertThat(mailbox.count()).isEqualTo(3);
        assertThat(mailbox.uidAt(3)).isEqualTo(50);
        assertThat(mailbox.recentUids()).containsExactly(50L);
    }

    @Test
    void qresyncReportsVanishedUids() {
        SelectedMailbox mailbox = mailbox(false);
        assertThat(mailbox.expunged(List.of(30L, 10L, 99L), new SelectedMailbox.Updates(true, true, true, false)))
                .containsExactly(new ImapResponse.Vanished(List.of(10L, 30L), false));
        assertThat(mailbox.count()).isEqualTo(2);
    }

    @Test
    void unknownOldUidsAreIgnored() {
        SelectedMailbox mailbox = mailbox(false);
        assertThat(mailbox.apply(delta(5, List.of(meta(15, 5)), List.of(), List.of()), ANY)).isEmpty();
        assertThat(mailbox.count()).isEqualTo(4);
    }
}
