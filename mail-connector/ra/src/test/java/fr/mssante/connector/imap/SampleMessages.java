package fr.mssante.connector.imap;

/** The messages of Alice's INBOX (CRLF line endings once parsed by {@link TestMessage#of}). */
final class SampleMessages {

    /** UID 1, text/plain, \Seen. */
    static final TestMessage REPORT = TestMessage.of("""
            Date: Mon, 06 Jan 2025 09:15:00 +0100
            From: Dr Martin <dr.martin@clinique.example.fr>
            To: Dr Durand <dr.durand@hopital-demo.mssante.fr>
            Subject: Compte rendu
            Message-ID: <m1@clinique.example.fr>

            Bonjour,
            Veuillez trouver le compte rendu.
            """);

    /** UID 2, multipart/mixed with a PDF, encoded subject, Cc. */
    static final TestMessage RESULTS = TestMessage.of("""
            Date: Tue, 07 Jan 2025 10:00:00 +0100
            From: Labo Central <labo@labo.example.fr>
            To: Dr Durand <dr.durand@hopital-demo.mssante.fr>
            Cc: Secretariat <secretariat@hopital-demo.mssante.fr>
            Subject: =?UTF-8?Q?R=C3=A9sultats?= d'analyse
            Message-ID: <m2@labo.example.fr>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain; charset=UTF-8

            Resultats en piece jointe.
            --b1
            Content-Type: application/pdf; name="resultats.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --b1--
            """);

    /** UID 3, a forward: text part and a message/rfc822 part; \Flagged. */
    static final TestMessage FORWARD = TestMessage.of("""
            Date: Wed, 08 Jan 2025 11:30:00 +0100
            From: Dr Martin <dr.martin@clinique.example.fr>
            To: Dr Durand <dr.durand@hopital-demo.mssante.fr>
            Subject: Fwd: Compte rendu
            Message-ID: <m3@clinique.example.fr>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b2"

            --b2
            Content-Type: text/plain

            Voir ci-dessous.
            --b2
            Content-Type: message/rfc822

            From: Dr Martin <dr.martin@clinique.example.fr>
            Subject: Compte rendu

            Bonjour,
            --b2--
            """);

    private SampleMessages() {
    }
}
