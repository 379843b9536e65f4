package io.fraudstream.config;

import io.fraudstream.eval.RollingEvaluator.WindowSpec;
import io.fraudstream.model.ModelFamily;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * What a {@link Key} accepts and how its text becomes a value. Each key declares one, so every key is parsed and
 * checked once, when {@link Settings} is made, and a key cannot be forgotten by the check. {@link #parse} throws an
 * {@link IllegalArgumentException} saying what was expected; {@link Settings} adds the key and the value.
 *
 * @param <T> the value's type, which the key's accessor in {@link Settings} returns
 */
public final class Type<T> {
    private final String accepts;
    private final Function<String, T> parser;

    private Type(final String accepts, final Function<String, T> parser) {
        this.accepts = accepts;
        this.parser = parser;
    }

    /** The value {@code text} stands for; else an {@link IllegalArgumentException} saying what was expected. */
    public T parse(final String text) {
        return parser.apply(text.trim());
    }

    /** What it accepts, in words, for the README's configuration table. */
    public String accepts() {
        return accepts;
    }

    public static Type<Integer> integer(final int min, final int max) {
        final String range = min + ".." + (max == Integer.MAX_VALUE ? "" : max);
        return new Type<>("integer " + range, text -> {
            final int v;
            try {
                v = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("expected an integer in " + min + ".." + max);
            }
            return v;
        });
    }

    /** -1 (the broker's default) or a replication factor of at least 1. */
    public static Type<Short> replicationFactor() {
        final Type<Integer> bounded = integer(-1, Short.MAX_VALUE);
        return new Type<>("-1 or integer 1..", text -> {
            final int v = bounded.parse(text);
            if (v == 0) {
                throw new IllegalArgumentException("must be -1 (broker default) or >= 1");
            }
            return (short) v;
        });
    }

    public static Type<Long> longInteger() {
        return new Type<>("integer", text -> {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer");
            }
        });
    }

    /** A finite number for which {@code ok} holds, {@code range} saying which ("in (0, 1]"). */
    public static Type<Double> number(final DoublePredicate ok, final String range) {
        return new Type<>("number " + range, text -> {
            final double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number");
            }
            if (!Double.isFinite(v) || !ok.test(v)) {
                throw new IllegalArgumentException("expected a number " + range);
            }
            return v;
        });
    }

    public static Type<Double> positive() {
        return number(v -> v > 0, "> 0");
    }

    public static Type<Double> nonNegative() {
        return number(v -> v >= 0, ">= 0");
    }

    /** {@code amount} (empty: a missed fraud costs its amount) or a fixed non-negative cost. */
    public static Type<OptionalDouble> amountOrCost() {
        final Type<Double> cost = nonNegative();
        return new Type<>("amount or number >= 0", text -> text.equalsIgnoreCase("amount") ? OptionalDouble.empty()
                : OptionalDouble.of(cost.parse(text)));
    }

    public static Type<Boolean> bool() {
        return new Type<>("true or false", text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        });
    }

    /** Any text, even empty. */
    public static Type<String> text() {
        return new Type<>("text", text -> text);
    }

    /** A topic name: not empty. */
    public static Type<String> topic() {
        return new Type<>("topic name", text -> {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("a topic name must not be empty");
            }
            return text;
        });
    }

    /** A duration ({@code 90s}, {@code 7d}, {@code PT1H}) of at least {@code min}; {@code why} says so. */
    public static Type<Duration> duration(final Duration min, final String why) {
        return new Type<>("duration >= " + Durations.format(min), text -> {
            final Duration d = Durations.parse(text);
            if (d.compareTo(min) < 0) {
                throw new IllegalArgumentException(why);
            }
            return d;
        });
    }

    /** A duration that is not negative. */
    public static Type<Duration> duration() {
        return duration(Duration.ZERO, "must not be negative");
    }

    /** Comma-separated durations, each at least one minute (feature windows). */
    public static Type<List<Duration>> windows() {
        final Type<Duration> one = duration(Duration.ofMinutes(1), "every window must be at least 1m");
        return new Type<>("durations >= 1m, comma-separated", text -> {
            final List<Duration> out = new ArrayList<>();
            for (String part : text.split(",")) {
                out.add(one.parse(part));
            }
            return List.copyOf(out);
        });
    }

    /** Comma-separated evaluation windows: a count ({@code 10000}, {@code last10000}) or a duration, none twice. */
    public static Type<List<WindowSpec>> evaluationWindows() {
        return new Type<>("counts or durations, comma-separated", text -> {
            final List<WindowSpec> out = new ArrayList<>();
            final Set<String> names = new HashSet<>();
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    throw new IllegalArgumentException("an empty window");
                }
                final WindowSpec spec = Windows.parse(part);
                if (!names.add(spec.name())) {
                    throw new IllegalArgumentException("window " + spec.name() + " is listed twice");
                }
                out.add(spec);
            }
            return List.copyOf(out);
        });
    }

    /** Comma-separated model families, none twice. */
    public static Type<List<ModelFamily>> families() {
        final String accepted = "comma-separated, each one of " + ModelFamily.ids();
        return new Type<>(accepted, text -> {
            final List<ModelFamily> out = new ArrayList<>();
            for (String part : text.split(",")) {
                final ModelFamily f = ModelFamily.named(part.trim().toLowerCase(Locale.ROOT));
                if (f == null) {
                    throw new IllegalArgumentException("expected " + accepted);
                }
                if (out.contains(f)) {
                    throw new IllegalArgumentException(f + " is listed twice");
                }
                out.add(f);
            }
            return List.copyOf(out);
        });
    }

    /** A constant of {@code type} by its lower-case, dashed name ({@code time-biased} is TIME_BIASED). */
    public static <E extends Enum<E>> Type<E> choice(final Class<E> type) {
        final List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        final String all = String.join(", ", names);
        return new Type<>("one of " + all, text -> {
            final String v = text.toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(v)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("expected one of " + all);
        });
    }

    /** One of {@code names}, lower-cased. */
    public static Type<String> oneOf(final String... names) {
        final String all = String.join(", ", names);
        return new Type<>("one of " + all, text -> {
            final String v = text.toLowerCase(Locale.ROOT);
            for (String n : names) {
                if (n.equals(v)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("expected one of " + all);
        });
    }

    /** An IP literal or a name this machine resolves. */
    public static Type<InetAddress> address() {
        return new Type<>("address", text -> {
            try {
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address of this machine");
            }
        });
    }
}
