package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyword race of issue 10: sessions STORE keywords nobody used before while others FETCH, SEARCH and
 * IDLE on the same folder. RFC 3501 7.2.6 and 7.4.2: a client learns which keywords exist from the
 * untagged FLAGS response (and PERMANENTFLAGS, 7.1), so every FETCH that carries a keyword must come after
 * a FLAGS that lists it, in every session. A checker reads every line every session receives; any FETCH
 * with an unannounced keyword, any BAD, BYE or NO, or a lost connection is a protocol error. Zero allowed.
 */
@ExtendWith(PlatformExtension.class)
class ImapKeywordRaceIT {

    private static final long RUN_MILLIS = 20_000;
    private static final Pattern FETCH_FLAGS = Pattern.compile("^\\* \\d+ FETCH \\(.*FLAGS \\(([^)]*)\\)");
    private static final Pattern FLAGS = Pattern.compile("^\\* FLAGS \\(([^)]*)\\)");
    private static final Pattern PERMANENT = Pattern.compile("^\\* OK \\[PERMANENTFLAGS \\(([^)]*)\\)\\]");

    private final LocalPlatform platform;
    private final ImapAccounts accounts;

    ImapKeywordRaceIT(LocalPlatform platform) {
        this.platform = platform;
        this.accounts = new ImapAccounts(platform);
    }

    /** One session's view: the keywords announced to it, and the protocol errors seen. */
    private static final class Checker {
        final String name;
        final Set<String> flags = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        final Set<String> permanent = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        int fetches;

        Checker(String name) {
            this.name = name;
        }

        void read(List<String> lines) {
            for (String line : lines) {
                Matcher m;
                if ((m = FLAGS.matcher(line)).find()) {
                    flags.clear();
                    flags.addAll(words(m.group(1)));
                } else if ((m = PERMANENT.matcher(line)).find()) {
                    permanent.clear();
                    permanent.addAll(words(m.group(1)));
                } else if ((m = FETCH_FLAGS.matcher(line)).find()) {
                    fetches++;
                    for (String flag : words(m.group(1))) {
                        if (!flag.startsWith("\\") && (!flags.contains(flag) || !permanent.contains(flag))) {
                            errors.add(name + ": keyword " + flag + " before FLAGS/PERMANENTFLAGS announced it: " + line);
                        }
                    }
                } else if (line.startsWith("* BAD") || line.startsWith("* BYE") || line.matches("^a\\d+ (NO|BAD) .*")) {
                    errors.add(name + ": " + line);
                }
            }
        }

        private static List<String> words(String list) {
            List<String> words = new ArrayList<>();
            for (String word : list.trim().split(" ")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
            return words;
        }
    }

    private interface Step {
        void run(ImapWire imap, Checker checker, int round) throws Exception;
    }

    @Test
    void every_session_gets_flags_before_any_response_using_a_new_keyword() throws Exception {
        String[] account = accounts.newMailboxWithPassword();
        try (ImapWire seed = new ImapWire(platform.settings().imapPort(), platform.caCertificate())) {
            seed.command("LOGIN " + account[0] + " " + account[1]);
            for (int i = 0; i < 20; i++) {
                ImapAccounts.append(seed, "INBOX", "Subject: race " + i + "\r\n\r\nx\r\n");
            }
        }
        List<Step> roles = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            int storer = s;
            roles.add((imap, checker, round) -> {
                String keyword = "Kw" + storer + "x" + round;
                checker.read(imap.exchange("UID STORE " + (1 + round % 20) + ":" + (1 + (round + 7) % 20)
                        + " +FLAGS (" + keyword + ")"));
                checker.read(imap.exchange("STORE " + (1 + (round * 3) % 20) + " -FLAGS.SILENT (Kw" + storer + "x"
                        + (round - 1) + ")"));
            });
        }
        for (int f = 0; f < 2; f++) {
            roles.add((imap, checker, round) -> {
                checker.read(imap.exchange("FETCH 1:* (FLAGS)"));
                checker.read(imap.exchange("UID FETCH 1:* (UID FLAGS)"));
            });
        }
        for (int f = 0; f < 2; f++) {
            roles.add((imap, checker, round) -> {
                checker.read(imap.exchange("SEARCH KEYWORD Kw0x" + round));
                checker.read(imap.exchange("UID SEARCH UNKEYWORD Kw1x" + round + " NOT DELETED"));
                checker.read(imap.exchange("NOOP"));
            });
        }
        for (int f = 0; f < 2; f++) {
            roles.add((imap, checker, round) -> {
                imap.send("i" + round + " IDLE");
                Thread.sleep(300);
                imap.send("DONE");
                List<String> lines = new ArrayList<>();
                for (String line; (line = imap.readLine()) != null; ) {
                    lines.add(line);
                    if (line.startsWith("i" + round + " ")) {
                        break;
                    }
                }
                lines.removeIf(line -> line.startsWith("+ "));
                checker.read(lines);
            });
        }

        ExecutorService pool = Executors.newFixedThreadPool(roles.size());
        List<Checker> checkers = new ArrayList<>();
        List<Future<?>> sessions = new ArrayList<>();
        long end = System.currentTimeMillis() + RUN_MILLIS;
        for (int r = 0; r < roles.size(); r++) {
            Step step = roles.get(r);
            Checker checker = new Checker("session " + r);
            checkers.add(checker);
            sessions.add(pool.submit(() -> {
                try (ImapWire imap = new ImapWire(platform.settings().imapPort(), platform.caCertificate())) {
                    imap.command("LOGIN " + account[0] + " " + account[1]);
                    checker.read(imap.command("SELECT INBOX"));
                    for (int round = 1; System.currentTimeMillis() < end; round++) {
                        step.run(imap, checker, round);
                    }
                    checker.read(imap.exchange("NOOP"));
                }
                return null;
            }));
        }
        pool.shutdown();
        List<String> errors = new ArrayList<>();
        for (Future<?> session : sessions) {
            try {
                session.get(RUN_MILLIS + 30_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                errors.add("session failed: " + e);
            }
        }
        pool.shutdownNow();
        int fetches = 0;
        for (Checker checker : checkers) {
            errors.addAll(checker.errors);
            fetches += checker.fetches;
        }
        assertThat(fetches).as("FETCH responses checked").isGreaterThan(100);
        assertThat(errors).as("protocol errors (%d FETCH responses checked)", fetches).isEmpty();
        assertThat(checkers.get(3).flags).as("a fetching session learnt the keywords")
                .anyMatch(flag -> flag.toLowerCase(Locale.ROOT).startsWith("kw"));
    }
}
