package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Fresh IMAP accounts of a test professional, and raw APPENDs, for the wire-level IMAP tests. */
final class ImapAccounts {

    private static final String DOMAIN = "hopital-demo.mssante.fr";
    /** The professional owning the mailboxes these tests create. */
    private static final String OWNER_ID = "810000000042";

    private final RestClient rest;

    ImapAccounts(LocalPlatform platform) {
        this.rest = RestClient.asOperator(platform);
    }

    /** A new mailbox and an app password its owner created in self-service; returns {address, password}. */
    String[] newMailboxWithPassword() throws Exception {
        String address = "imap-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        assertThat(rest.post("/api/v1/mailboxes", "{\"address\":\"" + address + "\",\"type\":\"PER\",\"ownerNationalId\":\""
                + OWNER_ID + "\"}").status()).isEqualTo(201);
        KeycloakClient keycloak = PlatformSession.keycloak();
        keycloak.ensurePractitioner(OWNER_ID, Identities.PRACTITIONER_TEST_PASSWORD);
        RestClient.Reply created = rest.as(keycloak.bearer(OWNER_ID, Identities.PRACTITIONER_TEST_PASSWORD))
                .post("/api/v1/me/mailboxes/" + address + "/app-passwords", "{\"name\":\"conformance\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new String[]{address, created.json().getString("password")};
    }

    /** APPEND with a non-synchronising literal (LITERAL+, RFC 7888); the message is ASCII. */
    static void append(ImapWire imap, String folder, String message) throws Exception {
        imap.command("APPEND " + folder + " {" + message.length() + "+}\r\n" + message);
    }
}
