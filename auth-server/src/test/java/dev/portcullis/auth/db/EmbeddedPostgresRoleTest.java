package dev.portcullis.auth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The running application (test profile: the embedded PostgreSQL) uses the confined role, not the superuser. */
@QuarkusTest
class EmbeddedPostgresRoleTest {

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @Test
    void theApplicationConnectsAsARoleThatIsNoSuperuserAndOwnsItsTables() throws SQLException {
        assertEquals("portcullis", username);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT current_user, rolsuper, "
                    + "(SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> current_user), "
                    + "(SELECT count(*) FROM pg_tables WHERE schemaname = 'public') "
                    + "FROM pg_roles WHERE rolname = current_user")) {
                rs.next();
                assertEquals("portcullis", rs.getString(1));
                assertEquals(false, rs.getBoolean(2));
                assertEquals(0, rs.getInt(3), "every table of the application is its own (Flyway ran as it)");
                assertEquals(true, rs.getInt(4) > 5, "Flyway's tables are there");
            }
            SQLException e = assertThrows(SQLException.class, () -> s.execute("SELECT pg_read_file('PG_VERSION')"));
            assertEquals("42501", e.getSQLState(), e.getMessage());
        }
    }
}
