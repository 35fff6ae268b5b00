package dev.portcullis.e2e;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Hands the shared {@link Stack} or {@link ClusterStack} to test methods and lifecycle methods that declare it. */
final class StackExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Stack.class || type == ClusterStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class ? Stack.get(context) : ClusterStack.get(context);
    }

    /** The run's one {@code type}, started on first use and closed (it is a CloseableResource) when the run ends. */
    static <T extends ExtensionContext.Store.CloseableResource> T shared(ExtensionContext context, Class<T> type,
            Callable<T> start) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(type, key -> {
            try {
                return start.call();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the " + type.getSimpleName(), e);
            }
        }, type);
    }
}
