package dev.portcullis.mcp.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.mcp.config.ResourceServerConfig;
import io.quarkiverse.mcp.server.Tool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which scopes each tool needs ({@link RequiresScopes} on its {@code @Tool} method, read once at start), and which
 * scopes a token's granted scopes stand for once the configured hierarchy is applied (a broader scope implies the
 * narrower ones listed under {@code portcullis.scope-hierarchy}).
 */
@ApplicationScoped
public class ToolScopes {

    private final List<String> baseScopes;
    private final Map<String, List<String>> implied;
    private static final int MAX_REMEMBERED_CLAIMS = 1024;
    private final Map<String, Set<String>> byTool = new HashMap<>();
    private final Cache<String, Set<String>> byClaim = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED_CLAIMS).build();

    ToolScopes(ResourceServerConfig config, BeanManager beans) {
        this.baseScopes = config.scopes();
        this.implied = config.scopeHierarchy();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            for (Method method : declaredMethods(bean.getBeanClass())) {
                Tool tool = method.getAnnotation(Tool.class);
                RequiresScopes requires = method.getAnnotation(RequiresScopes.class);
                if (tool != null && requires != null) {
                    String name = Tool.ELEMENT_NAME.equals(tool.name()) ? method.getName() : tool.name();
                    byTool.put(name, new LinkedHashSet<>(List.of(requires.value())));
                }
            }
        }
    }

    private static Method[] declaredMethods(Class<?> type) {
        try {
            return type.getDeclaredMethods();
        } catch (LinkageError optionalDependencyMissing) {
            return new Method[0]; // a framework bean whose signatures name absent classes: it holds no tools
        }
    }

    /** Every scope a call of the tool needs: the base scopes, then the tool's own. */
    public Set<String> requiredFor(String toolName) {
        Set<String> required = new LinkedHashSet<>(baseScopes);
        required.addAll(byTool.getOrDefault(toolName, Set.of()));
        return required;
    }

    public Set<String> baseScopes() {
        return new LinkedHashSet<>(baseScopes);
    }

    /**
     * The scopes a token's {@code scope} claim grants, with everything they imply; computed once per distinct claim
     * value (tokens of one authorization server carry few distinct values), since this runs on every request.
     */
    public Set<String> effectiveScopes(String scopeClaim) {
        return byClaim.get(scopeClaim,
                claim -> Set.copyOf(effective(new LinkedHashSet<>(dev.portcullis.common.oauth.Scope.parse(claim)))));
    }

    /** The granted scopes with everything they imply, transitively. */
    public Set<String> effective(Set<String> granted) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(granted);
        while (!todo.isEmpty()) {
            String scope = todo.pop();
            if (out.add(scope)) {
                todo.addAll(implied.getOrDefault(scope, List.of()));
            }
        }
        return out;
    }
}
