package fr.mssante.ejb.trust;

import fr.mssante.ejb.tenant.CanonicalDomain;
import fr.mssante.ejb.tenant.InvalidFieldException;

import javax.security.auth.x500.X500Principal;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code listeblanchemssante.xml}:
 * {@code ListeBlancheMSSante/DateDeGeneration/ListeDomaines/Domaine{Nom, Description,
 * DNCertificatOperateur, ResponsableContact, SupportContact, DateMAJ}} in the namespace
 * {@value #NAMESPACE}.
 *
 * <p>The file comes from the network, so the reader is the JDK's own StAX implementation (not whatever
 * the server's class path offers) with DTDs and external entities off: a document carrying a
 * {@code DOCTYPE} is refused outright, which closes XML external entities (XXE) and entity expansion
 * ("billion laughs") whatever the parser's defaults.
 *
 * <p>A document is refused as a whole when it cannot be the list: not well-formed or cut short (a
 * truncated download), another root or namespace, no {@code ListeDomaines}, or no usable domain. One bad
 * entry is not a reason to lose the other operators: it is left out and named in the warnings. The
 * child elements are matched by local name in the list's namespace or in none, since the published
 * schema's {@code elementFormDefault} is not known.
 */
public final class WhitelistParser {

    public static final String NAMESPACE = "https://listeblanche.mssante.fr/schema";
    static final String ROOT = "ListeBlancheMSSante";
    private static final ZoneId PUBLISHER_ZONE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter FRENCH_DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm[:ss]");
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private WhitelistParser() {
    }

    public static WhitelistDocument parse(byte[] xml) throws WhitelistRejectedException {
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new ByteArrayInputStream(xml));
            return new Reading(reader).document();
        } catch (XMLStreamException e) {
            throw new WhitelistRejectedException("not a well-formed whitelist (truncated or corrupt download?): "
                    + e.getMessage(), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing was held but the byte array
                }
            }
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    /** One pass over one document. */
    private static final class Reading {

        private final XMLStreamReader in;
        private final List<WhitelistEntry> entries = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private String generatedText;
        private boolean domainList;
        private int position;

        Reading(XMLStreamReader in) {
            this.in = in;
        }

        WhitelistDocument document() throws XMLStreamException, WhitelistRejectedException {
            root();
            while (nextChild()) {
                switch (in.getLocalName()) {
                    case "DateDeGeneration" -> generatedText = text();
                    case "ListeDomaines" -> domains();
                    default -> skip();
                }
            }
            while (in.hasNext()) {
                in.next(); // to the end of the document: a cut after the root's end tag is still noticed
            }
            if (!domainList) {
                throw new WhitelistRejectedException("no ListeDomaines element in " + ROOT);
            }
            if (entries.isEmpty()) {
                throw new WhitelistRejectedException("the whitelist lists no usable domain" + (warnings.isEmpty()
                        ? "" : " (" + String.join("; ", warnings) + ")"));
            }
            return new WhitelistDocument(generatedText, generatedAt(), entries, warnings);
        }

        private void root() throws XMLStreamException, WhitelistRejectedException {
            while (in.hasNext()) {
                int event = in.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new WhitelistRejectedException("a DOCTYPE is not allowed in the whitelist (external entities)");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    QName name = in.getName();
                    if (!ROOT.equals(name.getLocalPart()) || !NAMESPACE.equals(name.getNamespaceURI())) {
                        throw new WhitelistRejectedException("root element is " + name + ", expected {" + NAMESPACE
                                + "}" + ROOT);
                    }
                    return;
                }
            }
            throw new WhitelistRejectedException("empty document");
        }

        private void domains() throws XMLStreamException, WhitelistRejectedException {
            domainList = true;
            while (nextChild()) {
                if (in.getLocalName().equals("Domaine")) {
                    domain();
                } else {
                    skip();
                }
            }
        }

        private void domain() throws XMLStreamException, WhitelistRejectedException {
            position++;
            Map<String, String> fields = new HashMap<>();
            while (nextChild()) {
                switch (in.getLocalName()) {
                    case "Nom", "Description", "DNCertificatOperateur", "ResponsableContact", "SupportContact",
                         "DateMAJ" -> fields.put(in.getLocalName(), text());
                    default -> skip();
                }
            }
            String name = fields.get("Nom");
            String dn = fields.get("DNCertificatOperateur");
            String where = "Domaine #" + position + (name == null ? "" : " (" + name + ")");
            if (name == null) {
                warnings.add(where + ": no Nom, left out");
                return;
            }
            String domain;
            try {
                domain = CanonicalDomain.parse(name.toLowerCase(Locale.ROOT), "Nom").name();
            } catch (InvalidFieldException e) {
                warnings.add(where + ": " + e.reason() + ", left out");
                return;
            }
            if (dn == null) {
                // An empty DN would equal a certificate with an empty subject: leave the domain out instead.
                warnings.add(where + ": no DNCertificatOperateur, left out");
                return;
            }
            if (!seen.add(domain)) {
                warnings.add(where + ": listed again, the first entry is kept");
                return;
            }
            if (!parsesAsDn(dn)) {
                warnings.add(where + ": DNCertificatOperateur '" + dn + "' is not a distinguished name, no certificate will match it");
            }
            entries.add(new WhitelistEntry(domain, dn, fields.get("Description"), fields.get("ResponsableContact"),
                    fields.get("SupportContact"), fields.get("DateMAJ")));
        }

        /** Moves to the next child element of the current one; false at its end tag. */
        private boolean nextChild() throws XMLStreamException, WhitelistRejectedException {
            while (true) {
                if (!in.hasNext()) {
                    throw new WhitelistRejectedException("document ends inside an element (truncated download?)");
                }
                int event = in.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String namespace = in.getNamespaceURI();
                    if (namespace != null && !namespace.isEmpty() && !namespace.equals(NAMESPACE)) {
                        skip(); // another vocabulary's extension: not ours to read
                        continue;
                    }
                    return true;
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    return false;
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new WhitelistRejectedException("entity reference &" + in.getLocalName() + "; is not allowed");
                }
            }
        }

        /** The text of a leaf element, stripped; null when empty. */
        private String text() throws XMLStreamException, WhitelistRejectedException {
            StringBuilder text = new StringBuilder();
            String element = in.getLocalName();
            while (true) {
                int event = in.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            text.append(in.getText());
                    case XMLStreamConstants.END_ELEMENT -> {
                        String value = text.toString().strip();
                        return value.isEmpty() ? null : value;
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new WhitelistRejectedException("entity reference &" + in.getLocalName() + "; is not allowed");
                    case XMLStreamConstants.START_ELEMENT ->
                            throw new WhitelistRejectedException(element + " must hold text, not elements");
                    case XMLStreamConstants.END_DOCUMENT ->
                            throw new WhitelistRejectedException("document ends inside " + element + " (truncated download?)");
                    default -> { } // comments, processing instructions
                }
            }
        }

        /** Skips the current element and everything in it. */
        private void skip() throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int event = in.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        }

        private OffsetDateTime generatedAt() {
            if (generatedText == null) {
                warnings.add("no DateDeGeneration");
                return null;
            }
            OffsetDateTime parsed = generationDate(generatedText);
            if (parsed == null) {
                warnings.add("DateDeGeneration '" + generatedText + "' is not a recognised date");
            }
            return parsed;
        }
    }

    /**
     * {@code DateDeGeneration} as an instant: ISO 8601 with or without offset, or a French
     * {@code dd/MM/yyyy[ HH:mm[:ss]]}; without an offset, the publisher's time (Europe/Paris). Null when
     * none of these, since the format is not specified.
     */
    static OffsetDateTime generationDate(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException notWithOffset) {
            // next form
        }
        for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME, FRENCH_DATE_TIME)) {
            try {
                return LocalDateTime.parse(text, format).atZone(PUBLISHER_ZONE).toOffsetDateTime();
            } catch (DateTimeParseException next) {
                // next form
            }
        }
        for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_LOCAL_DATE, FRENCH_DATE)) {
            try {
                return LocalDate.parse(text, format).atStartOfDay(PUBLISHER_ZONE).toOffsetDateTime();
            } catch (DateTimeParseException next) {
                // next form
            }
        }
        return null;
    }

    private static boolean parsesAsDn(String dn) {
        try {
            new X500Principal(dn);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
