/**
 * The IMAP4rev1 server of the resource adapter (RFC 3501), built like Apache James: per command a
 * parser ({@code request}), an immutable request record, a processor ({@code session}) and response
 * records written by encoders ({@code response}).
 *
 * <h2>Threading</h2>
 * As for SMTP (ADR 0005): Netty event loops run as long-running JCA work; listener calls run on the
 * bounded worker pool ({@link fr.mssante.connector.server.BoundedListenerInvoker}), never on an event
 * loop, and resume on the connection's loop. A saturated pool or a failing listener is answered
 * {@code NO [UNAVAILABLE]} at once (RFC 5530); an {@link fr.mssante.connector.api.imap.ImapFailure}
 * (also wrapped by the container) is {@code NO [its code]}. A session in IDLE holds no thread: it waits
 * on its socket and on {@link fr.mssante.connector.api.imap.MailboxChangeBus} events.
 *
 * <h2>Pipeline</h2>
 * {@link fr.mssante.connector.imap.response.ImapResponseEncoder} (outbound),
 * {@link fr.mssante.connector.server.ConnectionLimitHandler} ({@code * BYE} beyond the limits),
 * {@link io.netty.handler.timeout.IdleStateHandler} (autologout, RFC 3501 5.4),
 * {@link fr.mssante.connector.imap.ImapFrameDecoder} (lines and literals, one command at a time),
 * {@link fr.mssante.connector.imap.ImapSessionHandler} (drives
 * {@link fr.mssante.connector.imap.session.ImapSession}).
 *
 * <h2>Session view and updates</h2>
 * The engine keeps the sequence number map of each session
 * ({@link fr.mssante.connector.imap.session.SelectedMailbox}). At the end of every command in the
 * selected state, and during IDLE as soon as the change bus says the selected folder changed, it asks
 * {@code ImapListener.changes(user, folder, highestModseqKnown, claimRecent)} and sends EXISTS, RECENT,
 * FETCH (FLAGS, MODSEQ with CONDSTORE, UID with QRESYNC) and EXPUNGE (VANISHED with QRESYNC). A read-write
 * session claims \Recent for the new messages no other session has been told about (RFC 3501 2.3.2): it
 * reports \Recent only for the UIDs the listener returns in {@code FolderDelta.recentUids}, and for
 * those of its SELECT. Expunges learnt during
 * FETCH, STORE, SEARCH or SORT (not their UID forms) are kept back, the expunged messages keeping their
 * numbers, until a command that may report them (RFC 3501 7.4.1).
 *
 * <h2>Limits</h2>
 * Command lines ({@code maxCommandLineLength}, 64 KiB: a full RFC 2971 ID fits): BAD, the session goes on. Literal arguments
 * ({@code maxLiteral}): {@code BAD [TOOBIG]}. APPEND messages ({@code maxMessageSize}, advertised as
 * APPENDLIMIT): {@code NO [TOOBIG]} before a synchronising literal is sent, {@code BAD [TOOBIG]} after a
 * non-synchronising one is read and dropped (RFC 7888 section 4). A command's lines and in-memory literals
 * together: {@code maxLiteral + maxCommandLineLength}. The tenth consecutive BAD ends the session with
 * {@code * BYE}. Connections per address: {@code * BYE} instead of the greeting; sessions per user:
 * {@code NO [LIMIT]} at login.
 *
 * <h2>Deliberate choices</h2>
 * <ul>
 *   <li>APPEND to the mailbox selected with EXAMINE is allowed (RFC 3501 only makes the selection
 *       read-only); STORE, EXPUNGE and MOVE there are {@code NO [CANNOT]}; BODY[] does not set \Seen.</li>
 *   <li>Logs carry tags and command names, never arguments (passwords, health data).</li>
 *   <li>Authentication: LOGIN and AUTHENTICATE with the mechanisms of {@link fr.mssante.connector.sasl}
 *       (ADR 0009).</li>
 *   <li>TLS (ADR 0008): STARTTLS in the not authenticated state, implicit TLS on a second port. On a clear
 *       connection LOGIN and the mechanisms that send a secret are refused with {@code NO [PRIVACYREQUIRED]}
 *       and LOGINDISABLED advertised, unless the development switch {@code allowPlaintextAuth} is on.</li>
 *   <li>Keywords: every response carrying flags is preceded, when it holds a keyword the session was
 *   never told of, by {@code * FLAGS} and {@code * OK [PERMANENTFLAGS]} (RFC 3501 7.2.6), whoever stored
 *   it ({@code SelectedMailbox.announce}).</li>
 *   <li>A mailbox name or LIST pattern that is not modified UTF-7 gets {@code NO [CANNOT]}, not BAD: the
 *   command is well-formed, and BADs count towards the session limit (ADR 0028).</li>
 *   <li>literal8 ({@code ~{n}}) is the only literal that may carry NUL (BAD elsewhere); BINARY decodes
 *   in the store, the engine frames (literal8 only when the octets hold NUL); ENABLE UTF8=ACCEPT switches
 *   the session's mailbox names to UTF-8 both ways, and a session without it gets internationalised
 *   ENVELOPEs downgraded (ADR 0032).</li>
 * </ul>
 */
package fr.mssante.connector.imap;
