package fr.mssante.ejb.tenant;

import java.time.OffsetDateTime;
import java.util.List;

/** An establishment as the admin API shows it. */
public record EstablishmentView(String finess, String name, List<ContactView> contacts, long domainCount,
                                long mailboxCount, OffsetDateTime createdAt) {
}
