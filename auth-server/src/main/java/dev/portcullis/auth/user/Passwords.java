package dev.portcullis.auth.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/** Creates users and checks their passwords (bcrypt). */
@ApplicationScoped
public class Passwords {

    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();

    @Inject
    Clock clock;

    /** Compared against when the username is unknown, so that timing does not reveal which users exist. */
    private volatile String decoyHash;

    @Transactional
    public User create(String username, String password) {
        User user = new User();
        user.id = UUID.randomUUID();
        user.username = username;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.createdAt = clock.instant();
        user.persist();
        return user;
    }

    /** The user, if the username exists and the password is right; the same work is done either way. */
    @Transactional
    public Optional<User> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        Optional<User> user = User.findByUsername(username.trim());
        String hash = user.map(u -> u.passwordHash).orElseGet(this::decoyHash);
        boolean ok = verify(password, hash);
        return ok ? user : Optional.empty();
    }

    private String decoyHash() {
        if (decoyHash == null) {
            decoyHash = BcryptUtil.bcryptHash(UUID.randomUUID().toString());
        }
        return decoyHash;
    }

    static boolean verify(String password, String bcryptHash) {
        try {
            Password stored = ModularCrypt.decode(bcryptHash);
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            return factory.verify(factory.translate(stored), password.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
