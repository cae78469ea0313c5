package fr.mssante.ejb.tenant;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An establishment hosted by the operator, identified by its FINESS number. */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false, unique = true, length = 9)
    private String finess;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "tenant_contact", joinColumns = @JoinColumn(name = "tenant_id"))
    @OrderColumn(name = "position")
    private List<Contact> contacts = new ArrayList<>();

    /** Raised by every change: the establishment's ETag (RFC 7232 section 2.3). */
    @Version
    private long version;

    protected Tenant() {
    }

    public Tenant(String name, String finess) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.finess = finess;
        this.createdAt = OffsetDateTime.now();
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getFiness() {
        return finess;
    }

    public void rename(String name) {
        this.name = name;
    }

    public List<Contact> getContacts() {
        return contacts;
    }

    public void replaceContacts(List<Contact> replacement) {
        contacts.clear();
        contacts.addAll(replacement);
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }
}
