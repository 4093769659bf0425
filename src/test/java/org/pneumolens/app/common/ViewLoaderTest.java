package org.pneumolens.app.common;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pneumolens.app.AppContext;

class ViewLoaderTest {
    private final AppContext context = new AppContext(null, null, null, AppContext.Navigation.NONE);

    public static final class WithContext {
        final AppContext context;

        public WithContext(AppContext context) {
            this.context = context;
        }
    }

    public static final class NoArgs {
    }

    public static final class Neither {
        public Neither(String s) {
        }
    }

    @Test
    void controllersTakingTheContextGetIt() {
        Object c = new ViewLoader(context).createController(WithContext.class);
        assertSame(context, ((WithContext) c).context);
    }

    @Test
    void controllersWithoutItAreBuiltWithNoArguments() {
        assertInstanceOf(NoArgs.class, new ViewLoader(context).createController(NoArgs.class));
    }

    @Test
    void aControllerWithNeitherConstructorIsAClearError() {
        assertThrows(IllegalStateException.class, () -> new ViewLoader(context).createController(Neither.class));
    }
}
