package fr.mssante.ejb.tenant;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A hosted domain with the DNS records the establishment must publish for mail to reach the platform.
 */
public record DomainView(String name, OffsetDateTime createdAt, long mailboxCount, List<DnsRecord> expectedDns) {

    /** One resource record: {@code type} MX or TXT, owner {@code name}, RDATA {@code value}. */
    public record DnsRecord(String type, String name, String value) {
    }
}
