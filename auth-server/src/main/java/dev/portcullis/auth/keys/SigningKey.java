package dev.portcullis.auth.keys;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A signing key (RSA, EC P-256 or Ed25519). The public key is X.509 SubjectPublicKeyInfo DER; the private key is
 * PKCS#8 DER, AES-GCM encrypted under the key-encryption key when {@code encrypted} (every key since V2).
 */
@Entity
@Table(name = "signing_keys")
public class SigningKey extends PanacheEntityBase {

    /** Signs new tokens and is published. */
    public static final String ACTIVE = "ACTIVE";
    /** No longer signs, still published so that tokens it signed keep verifying (rotation overlap). */
    public static final String RETIRED = "RETIRED";
    /** Past its overlap: no token it signed is still valid; neither used nor published. */
    public static final String EXPIRED = "EXPIRED";

    @Id
    public String kid;

    @Column(nullable = false)
    public String algorithm;

    @Column(name = "public_key", nullable = false)
    public byte[] publicKey;

    @Column(name = "private_key", nullable = false)
    public byte[] privateKey;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public boolean encrypted;

    /** When it stopped signing; it stays published until every token it signed has expired. */
    @Column(name = "retired_at")
    public Instant retiredAt;

    public static List<SigningKey> published() {
        return list("status in ?1 order by createdAt desc", List.of(ACTIVE, RETIRED));
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", algorithm=" + algorithm + ", status=" + status + "]";
    }
}
