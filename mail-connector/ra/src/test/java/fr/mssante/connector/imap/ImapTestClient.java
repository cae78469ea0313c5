package fr.mssante.connector.imap;

import fr.mssante.connector.server.TestConnection;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A bare IMAP client over a real socket. */
final class ImapTestClient extends TestConnection {

    private int tags;

    ImapTestClient(InetSocketAddress server) throws IOException {
        super(server);
    }

    /** Implicit TLS (IMAPS). */
    ImapTestClient(InetSocketAddress server, SSLContext tls) throws IOException {
        super(server, tls);
    }

    /** Reads the greeting, logs in as {@code user} and selects {@code folder} if not null. */
    static ImapTestClient open(InetSocketAddress server, String user, String folder) throws IOException {
        ImapTestClient client = new ImapTestClient(server);
        client.readLine();
        client.command("LOGIN " + user + " " + FakeImapStore.PASSWORD);
        if (folder != null) {
            client.command("SELECT " + folder);
        }
        return client;
    }

    /** Sends a tagged command and returns every line up to and including its tagged response. */
    List<String> command(String command) throws IOException {
        String tag = "t" + ++tags;
        sendLine(tag + " " + command);
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            lines.add(line);
        } while (!line.startsWith(tag + " ") && !line.equals("<connection closed>"));
        return lines;
    }

    /** The last line of {@link #command}: the tagged response. */
    String status(String command) throws IOException {
        List<String> lines = command(command);
        return lines.get(lines.size() - 1).replaceFirst("^t\\d+ ", "");
    }
}
