package fr.mssante.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A whitelist in the national format ({@code listeblanchemssante.xml}, namespace
 * {@code https://listeblanche.mssante.fr/schema}) and its {@code sha256sum}-style digest file, written
 * into the directory {@link WhitelistServer} serves. For {@code ./mssante run} and the tests only: in
 * production the list comes from ANS.
 */
public final class DevWhitelist {

    public static final String LIST_FILE = "listeblanchemssante.xml";
    public static final String DIGEST_FILE = LIST_FILE + ".sha256";

    /**
     * The domains of the demo data ({@code DemoData.DOMAIN} and {@code DemoData.OTHER_DOMAIN} of the EJB
     * module, which the devstack does not depend on; WhitelistIT checks they agree).
     */
    public static final List<String> DEMO_DOMAINS = List.of("hopital-demo.mssante.fr", "clinique-autre.mssante.fr");

    /** A peer operator of the tests: its MX presents a dev-CA client certificate with this subject. */
    public static final String TEST_PEER_DOMAIN = "peer.mssante-test.fr";
    /** What {@code DevCertificates.issueClient("mx.peer.mssante-test.fr", ...)} puts in the subject. */
    public static final String TEST_PEER_DN = "CN=mx.peer.mssante-test.fr,O=MSSante dev,C=FR";

    /** One {@code Domaine}: the domain and its operator's certificate subject. */
    public record Entry(String domain, String operatorDn) {
    }

    private DevWhitelist() {
    }

    /** The dev list: the demo domains served by this platform (its certificate {@code ownDn}) and the test peer. */
    public static List<Entry> platformList(String ownDn) {
        List<Entry> entries = new ArrayList<>();
        for (String domain : DEMO_DOMAINS) {
            entries.add(new Entry(domain, ownDn));
        }
        entries.add(new Entry(TEST_PEER_DOMAIN, TEST_PEER_DN));
        return entries;
    }

    /** The XML document listing {@code entries}, generated now. */
    public static byte[] xml(List<Entry> entries) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ListeBlancheMSSante xmlns="https://listeblanche.mssante.fr/schema">
                  <DateDeGeneration>%s</DateDeGeneration>
                  <ListeDomaines>
                """.formatted(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC).withNano(0))));
        for (Entry e : entries) {
            xml.append("""
                        <Domaine>
                          <Nom>%s</Nom>
                          <Description>%s (development)</Description>
                          <DNCertificatOperateur>%s</DNCertificatOperateur>
                          <ResponsableContact>responsable@%1$s</ResponsableContact>
                          <SupportContact>support@%1$s</SupportContact>
                          <DateMAJ>%s</DateMAJ>
                        </Domaine>
                    """.formatted(escape(e.domain()), escape(e.domain()), escape(e.operatorDn()),
                    DateTimeFormatter.ISO_LOCAL_DATE.format(OffsetDateTime.now(ZoneOffset.UTC))));
        }
        return xml.append("  </ListeDomaines>\n</ListeBlancheMSSante>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The digest file of {@code list}, as {@code sha256sum} writes it. */
    public static byte[] digestFile(byte[] list) {
        return (sha256(list) + "  " + LIST_FILE + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Publishes {@code entries} with their correct digest in {@code directory}. */
    public static void publish(Path directory, List<Entry> entries) throws IOException {
        byte[] list = xml(entries);
        publish(directory, list, digestFile(list));
    }

    /** Publishes these exact bytes (a test's truncated list or wrong digest), each file replaced atomically. */
    public static void publish(Path directory, byte[] list, byte[] digestFile) throws IOException {
        Files.createDirectories(directory);
        replace(directory.resolve(LIST_FILE), list);
        replace(directory.resolve(DIGEST_FILE), digestFile);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    private static void replace(Path file, byte[] bytes) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.write(next, bytes);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
