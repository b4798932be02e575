package org.ssl4j.core.recipe;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ssl4j.core.Ssl4jException;

/** Recipe and command-line values that name an enum constant, case-insensitively, with '-' for '_'. */
public final class EnumValues {
    private EnumValues() {}

    /**
     * The constant of {@code type} that {@code value} names ({@code zoom-in} and {@code ZOOM_IN} both name
     * {@code ZOOM_IN}).
     *
     * @param field the recipe field or option, for the error
     * @throws Ssl4jException naming the field, the value and the choices, when none matches
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        String wanted = value == null ? "" : value.trim().replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        String choices = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).collect(Collectors.joining(", "));
        throw new Ssl4jException(field + " must be one of " + choices + ", got '" + value + "'");
    }
}
