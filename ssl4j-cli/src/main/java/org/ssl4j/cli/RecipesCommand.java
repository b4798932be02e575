package org.ssl4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ssl4j recipes}: lists the shipped recipes. */
@Command(name = "recipes", mixinStandardHelpOptions = true,
        description = "List the shipped recipes; pass a name to `pretrain --recipe` (those under rl/ to "
                + "`rl train --recipe`).")
final class RecipesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        ShippedRecipes.names().forEach(System.out::println);
        return 0;
    }
}
