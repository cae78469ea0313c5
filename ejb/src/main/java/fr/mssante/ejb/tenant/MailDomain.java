package fr.mssante.ejb.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/** A mail domain hosted for a tenant, e.g. {@code hopital-demo.mssante.fr}. */
@Entity
@Table(name = "mail_domain")
@NamedQuery(name = MailDomain.BY_NAME, query = "SELECT d FROM MailDomain d WHERE d.name = :name")
public class MailDomain {

    public static final String BY_NAME = "MailDomain.byName";

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "tenant_id")
    private Tenant tenant;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected MailDomain() {
    }

    public MailDomain(Tenant tenant, String name) {
        this.id = UUID.randomUUID();
        this.tenant = tenant;
        this.name = name.toLowerCase(Locale.ROOT);
        this.createdAt = OffsetDateTime.now();
    }

    public UUID getId() {
        return id;
    }

    public Tenant getTenant() {
        return tenant;
    }

    public String getName() {
        return name;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
