package fr.mssante.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A structured-document message as professional software sends it over MSSanté: a text part and an
 * {@code IHE_XDM.zip} attachment with the structure of IHE ITI TF-1 XDM (media root {@code INDEX.HTM} and
 * {@code README.TXT}, {@code IHE_XDM/SUBSET01/METADATA.XML} with the XDS metadata, the CDA document), the
 * {@code X-MSS-*} headers of the MSSanté document profile and a read-receipt request (RFC 8098). Every
 * byte of it must arrive unchanged apart from the trace headers the operators prepend.
 */
final class XdmMessage {

    private XdmMessage() {
    }

    static byte[] build(String from, String to, String subject) throws IOException {
        String boundary = "=_xdm_" + UUID.randomUUID();
        String zip = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(xdmPackage());
        String message = "From: <" + from + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)) + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@" + from.substring(from.indexOf('@') + 1) + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Disposition-Notification-To: <" + from + ">\r\n"
                + "X-MSS-INS: 1840575123456789012^^^&1.2.250.1.213.1.4.8&ISO^NH\r\n"
                + "X-MSS-CODECDA: 11488-4^^2.16.840.1.113883.6.1\r\n"
                + "X-MSS-NIL: 0\r\n"
                + "X-MSS-MES: 1\r\n"
                + "Content-Type: multipart/mixed;\r\n\tboundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "This is a multi-part message in MIME format.\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + "Bonjour,\r\n"
                + "Veuillez trouver ci-joint le compte rendu de consultation (IHE XDM).\r\n"
                + ".Une ligne qui commence par un point.\r\n"
                + "Cordialement, Dr Martin — cardiologie\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: application/zip; name=\"IHE_XDM.zip\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"IHE_XDM.zip\"\r\n"
                + "\r\n"
                + zip + "\r\n"
                + "--" + boundary + "--\r\n";
        return message.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] xdmPackage() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "INDEX.HTM", "<html><head><title>IHE XDM</title></head><body>"
                    + "<a href=\"IHE_XDM/SUBSET01/DOC0001.XML\">Compte rendu de consultation</a></body></html>\r\n");
            entry(zip, "README.TXT", "IHE XDM media created by the MSSante platform integration tests.\r\n"
                    + "Contents: IHE_XDM/SUBSET01 (one submission set, one CDA R2 document).\r\n");
            entry(zip, "IHE_XDM/SUBSET01/METADATA.XML", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <lcm:SubmitObjectsRequest xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0"
                        xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0">
                      <rim:RegistryObjectList>
                        <rim:ExtrinsicObject id="Document01" mimeType="text/xml"
                            objectType="urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1">
                          <rim:Slot name="URI"><rim:ValueList><rim:Value>DOC0001.XML</rim:Value></rim:ValueList></rim:Slot>
                          <rim:Slot name="languageCode"><rim:ValueList><rim:Value>fr-FR</rim:Value></rim:ValueList></rim:Slot>
                        </rim:ExtrinsicObject>
                        <rim:RegistryPackage id="SubmissionSet01"/>
                      </rim:RegistryObjectList>
                    </lcm:SubmitObjectsRequest>
                    """);
            entry(zip, "IHE_XDM/SUBSET01/DOC0001.XML", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ClinicalDocument xmlns="urn:hl7-org:v3">
                      <code code="11488-4" codeSystem="2.16.840.1.113883.6.1" displayName="Note de consultation"/>
                      <title>Compte rendu de consultation de cardiologie</title>
                    </ClinicalDocument>
                    """);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
