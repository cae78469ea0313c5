package fr.mssante.ejb.mailbox;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.Session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Content-addressed storage of raw messages: one row per distinct content, keyed by SHA-256, so a
 * message for several recipients is stored once. Streams through JDBC rather than building entity
 * byte arrays, on the persistence context's own connection: one connection per transaction, whatever
 * the datasource's sharing rules.
 */
@Stateless
public class BlobStore {

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    /** A repeatable source of the bytes to store: each call returns a new stream over the same content. */
    @FunctionalInterface
    public interface Content extends Supplier<InputStream> {
    }

    /**
     * Stores the content unless the same bytes are already there.
     *
     * @return the SHA-256 of the content, hex encoded
     */
    public String store(Content content, long size) {
        String sha256 = sha256(content);
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO blob (sha256, size, content) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING");
                 InputStream in = content.get()) {
                insert.setString(1, sha256);
                insert.setLong(2, size);
                insert.setBinaryStream(3, in, size);
                insert.executeUpdate();
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the content of blob " + sha256, e);
            }
        });
        return sha256;
    }

    /** The stored bytes. */
    public byte[] read(String sha256) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT content FROM blob WHERE sha256 = ?")) {
                select.setString(1, sha256);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no blob " + sha256);
                    }
                    return rs.getBytes(1);
                }
            }
        });
    }

    /**
     * At most the first {@code maxBytes} stored bytes: what a delivery report returns of a message it
     * may not return whole, without loading a large message into memory.
     */
    public byte[] readPrefix(String sha256, int maxBytes) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT substring(content FROM 1 FOR ?) FROM blob WHERE sha256 = ?")) {
                select.setInt(1, maxBytes);
                select.setString(2, sha256);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no blob " + sha256);
                    }
                    return rs.getBytes(1);
                }
            }
        });
    }

    static String sha256(Content content) {
        try (InputStream in = content.get()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
