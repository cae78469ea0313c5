package fr.mssante.ejb.mailbox;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Raw message bytes, keyed by their SHA-256. Written and read as streams by {@link BlobStore};
 * mapped here so that the model is complete and the size can be queried.
 */
@Entity
@Table(name = "blob")
public class Blob {

    @Id
    @Column(length = 64)
    private String sha256;

    @Column(nullable = false)
    private long size;

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] content;

    protected Blob() {
    }

    public String getSha256() {
        return sha256;
    }

    public long getSize() {
        return size;
    }
}
