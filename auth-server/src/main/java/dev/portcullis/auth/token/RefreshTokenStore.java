package dev.portcullis.auth.token;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.crypto.RandomTokens;
import dev.portcullis.auth.db.DatabaseOutage;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The one writer of {@code refresh_tokens} rows: {@link #issue} starts a family (an authorization code redeemed),
 * {@link #rotate} continues one. Both insert with the one column list {@link #COLUMNS}; updates of a stored token
 * (revocation) are {@link RefreshToken}'s.
 *
 * <p>The refresh hot path: one SQL statement, one round trip, one commit. Its first part ({@code UPDATE … SET used
 * WHERE token_hash = ? AND NOT used AND NOT revoked AND unexpired AND the request's resource and scope fit}) takes the
 * row lock — a concurrent rotation of the same token waits, then matches nothing — and its second inserts the
 * successor in the same family. Anything that does not match returns empty, and the caller takes the slow path that
 * finds out why and answers (and revokes) accordingly. No signing happens here.
 *
 * <p>The rotated row keeps its successor sealed ({@link SuccessorSeal}) for the rotation grace period. That also makes
 * the statement safe to run again: when the database connection fails under it (a restart, a failover), whether it
 * committed is unknown; it is retried once on a fresh connection, and if the first attempt did commit, the retry
 * matches nothing and the grace period answers with the very successor the first attempt stored.
 */
@ApplicationScoped
public class RefreshTokenStore {

    private static final Logger LOG = Logger.getLogger(RefreshTokenStore.class);

    private static final String COLUMNS = "token_hash, family_id, code_hash, client_id, user_id, scope, resource,"
            + " auth_time, created_at, expires_at, used, revoked";

    private static final String ISSUE = "INSERT INTO refresh_tokens (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE)";

    private static final String ROTATE = "WITH claimed AS ("
            + " UPDATE refresh_tokens r SET used = TRUE, used_at = ?, successor_sealed = ? FROM users u"
            + " WHERE r.token_hash = ? AND r.client_id = ? AND " + RefreshToken.LIVE_SQL
            + " AND (?::text IS NULL OR r.resource = ?::text)"
            + " AND (?::text IS NULL OR string_to_array(?::text, ' ') <@ string_to_array(r.scope, ' '))"
            + " AND u.id = r.user_id"
            + " RETURNING r.family_id, r.code_hash, r.user_id, r.scope, r.resource, r.auth_time, u.username),"
            + " successor AS ("
            + " INSERT INTO refresh_tokens (" + COLUMNS + ")"
            + " SELECT ?, family_id, code_hash, ?, user_id, scope, resource, auth_time, ?, ?, FALSE, FALSE FROM claimed"
            + " RETURNING token_hash)"
            + " SELECT c.family_id, c.code_hash, c.user_id, c.scope, c.resource, c.auth_time, c.username"
            + " FROM claimed c, successor s";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PortcullisConfig config;

    @Inject
    RandomTokens random;

    @Inject
    SuccessorSeal seal;

    /**
     * Stores the first refresh token of a new family for the grant, in the caller's transaction (the connection is
     * the one the transaction already holds); returns its plaintext, which is never stored.
     */
    public String issue(IssuedGrant grant, Instant now) {
        String token = random.next();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(ISSUE)) {
            int i = 0;
            insert.setString(++i, Hashes.sha256(token));
            insert.setObject(++i, grant.familyId() != null ? grant.familyId() : UUID.randomUUID());
            insert.setString(++i, grant.codeHash());
            insert.setString(++i, grant.clientId());
            insert.setObject(++i, grant.userId());
            insert.setString(++i, grant.refreshScope());
            insert.setString(++i, grant.resource());
            insert.setTimestamp(++i, Timestamp.from(grant.authTime()));
            insert.setTimestamp(++i, Timestamp.from(now));
            insert.setTimestamp(++i, Timestamp.from(now.plus(config.token().refreshLifetime())));
            insert.executeUpdate();
            return token;
        } catch (SQLException e) {
            throw new IllegalStateException("Storing a refresh token failed", e);
        }
    }

    /**
     * Rotates the token if it is live, the client's, and the request's {@code resource} (if any) and {@code scope}
     * (if any, normalised) fit it; returns the successor and the grant (with the access scope narrowed to
     * {@code scope}).
     */
    public Optional<Issuance> rotate(String clientId, String token, Instant now, String resource, String scope) {
        String next = random.next();
        byte[] sealed = seal.seal(token, next);
        try {
            return attempt(clientId, token, next, sealed, now, resource, scope);
        } catch (SQLException e) {
            if (!DatabaseOutage.isOutage(e)) {
                throw new IllegalStateException("Refresh token rotation failed", e);
            }
            LOG.infof("Refresh token rotation retried on a new connection: %s", DatabaseOutage.describe(e));
            try {
                return attempt(clientId, token, next, sealed, now, resource, scope);
            } catch (SQLException again) {
                // still unreachable: DatabaseOutage recognises the cause and the answer is 503 with Retry-After
                throw new IllegalStateException("Refresh token rotation failed", again);
            }
        }
    }

    private Optional<Issuance> attempt(String clientId, String token, String next, byte[] sealed, Instant now,
            String resource, String scope) throws SQLException {
        Timestamp at = Timestamp.from(now);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement rotate = connection.prepareStatement(ROTATE)) {
            int i = 0;
            rotate.setTimestamp(++i, at);
            rotate.setBytes(++i, sealed);
            rotate.setString(++i, Hashes.sha256(token));
            rotate.setString(++i, clientId);
            rotate.setTimestamp(++i, at);
            rotate.setString(++i, resource);
            rotate.setString(++i, resource);
            rotate.setString(++i, scope);
            rotate.setString(++i, scope);
            rotate.setString(++i, Hashes.sha256(next));
            rotate.setString(++i, clientId);
            rotate.setTimestamp(++i, at);
            rotate.setTimestamp(++i, Timestamp.from(now.plus(config.token().refreshLifetime())));
            try (ResultSet row = rotate.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                RefreshToken successor = new RefreshToken(); // not persisted: the row just inserted, as a value
                successor.clientId = clientId;
                successor.familyId = row.getObject(1, UUID.class);
                successor.codeHash = row.getString(2);
                successor.userId = row.getObject(3, UUID.class);
                successor.scope = row.getString(4);
                successor.resource = row.getString(5);
                successor.authTime = row.getTimestamp(6).toInstant();
                return Optional.of(new Issuance(IssuedGrant.continuing(successor, row.getString(7), scope), next));
            }
        }
    }
}
