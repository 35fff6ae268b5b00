package dev.portcullis.auth.authorize;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A remembered consent: the scopes a user approved for a client and resource. */
@Entity
@Table(name = "consents")
public class Consent extends PanacheEntityBase {

    /** (user, client, resource). */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "user_id")
        public UUID userId;

        @Column(name = "client_id")
        public String clientId;

        @Column(name = "resource")
        public String resource;

        public Key() {
        }

        public Key(UUID userId, String clientId, String resource) {
            this.userId = userId;
            this.clientId = clientId;
            this.resource = resource;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(clientId, k.clientId)
                    && Objects.equals(resource, k.resource);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, clientId, resource);
        }
    }

    @EmbeddedId
    public Key id;

    @Column(nullable = false)
    public String scope;

    @Column(name = "granted_at", nullable = false)
    public Instant grantedAt;

    public static List<Consent> ofUser(UUID userId) {
        return list("id.userId = ?1 order by grantedAt desc", userId);
    }
}
