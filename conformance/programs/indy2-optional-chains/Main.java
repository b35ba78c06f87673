import java.util.*;
import java.util.function.*;
import java.util.stream.*;

public class Main {
    record User(String name, Optional<String> email, Address address) {}
    record Address(String city, String zip) {}

    static Optional<User> find(String name) {
        return switch (name) {
            case "ann" -> Optional.of(new User("ann", Optional.of("ann@example.org"), new Address("Oslo", "0150")));
            case "bob" -> Optional.of(new User("bob", Optional.empty(), null));
            default -> Optional.empty();
        };
    }

    static int fallbackCalls = 0;

    static String fallback() { fallbackCalls++; return "fallback"; }

    public static void main(String[] args) {
        for (String n : List.of("ann", "bob", "cid")) {
            Optional<User> u = find(n);
            String email = u.flatMap(User::email).map(String::toUpperCase).orElse("no email");
            String city = u.map(User::address).map(Address::city).orElseGet(() -> "no city for " + n);
            String zip = u.map(User::address).map(Address::zip).filter(z -> z.startsWith("0")).orElse("-");
            System.out.println(n + ": present=" + u.isPresent() + " empty=" + u.isEmpty() + " email=" + email + " city=" + city + " zip=" + zip);
            u.ifPresentOrElse(x -> System.out.println("  found " + x.name()), () -> System.out.println("  missing " + n));
            u.ifPresent(x -> System.out.println("  ifPresent " + x.email().isPresent()));
            System.out.println("  or " + u.map(User::name).or(() -> Optional.of("anonymous")).get());
            System.out.println("  stream count " + u.stream().count());
        }
        Optional<String> some = Optional.of("value");
        Optional<String> none = Optional.empty();
        System.out.println("orElse evaluates eagerly " + some.orElse(fallback()) + " calls=" + fallbackCalls);
        System.out.println("orElseGet is lazy " + some.orElseGet(Main::fallback) + " calls=" + fallbackCalls + " " + none.orElseGet(Main::fallback) + " calls=" + fallbackCalls);
        System.out.println("toString " + some + " " + none + " " + Optional.ofNullable(null) + " " + some.map(s -> null));
        System.out.println("equals " + some.equals(Optional.of("value")) + " " + none.equals(Optional.empty()) + " hash " + some.hashCode() + " " + none.hashCode());
        try {
            none.get();
        } catch (NoSuchElementException e) {
            System.out.println("get on empty: " + e.getMessage());
        }
        try {
            none.orElseThrow();
        } catch (NoSuchElementException e) {
            System.out.println("orElseThrow: " + e.getMessage());
        }
        try {
            none.orElseThrow(() -> new IllegalArgumentException("custom missing"));
        } catch (IllegalArgumentException e) {
            System.out.println("orElseThrow supplier: " + e.getMessage());
        }
        try {
            Optional.of(null);
        } catch (NullPointerException e) {
            System.out.println("Optional.of(null) NPE");
        }
        Optional<Integer> parsed = Optional.of("123").map(Integer::parseInt).filter(i -> i > 100);
        System.out.println("parsed " + parsed + " " + parsed.map(i -> i * 2).get());
        Function<String, Optional<Integer>> safeParse = s -> {
            try {
                return Optional.of(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        };
        System.out.println("safe parse " + Stream.of("1", "x", "3", "", "-7").map(safeParse).flatMap(Optional::stream).collect(Collectors.toList()));
        OptionalInt oi = OptionalInt.of(5);
        OptionalLong ol = OptionalLong.empty();
        OptionalDouble od = OptionalDouble.of(-0.0);
        System.out.println("primitive optionals " + oi + " " + ol + " " + od + " " + oi.getAsInt() + " " + ol.orElse(9) + " " + od.orElseGet(() -> 1.0));
        oi.ifPresentOrElse(i -> System.out.println("OptionalInt present " + i), () -> System.out.println("absent"));
        ol.ifPresentOrElse(l -> System.out.println("present " + l), () -> System.out.println("OptionalLong absent"));
        System.out.println("OptionalInt equality " + OptionalInt.of(3).equals(OptionalInt.of(3)) + " " + OptionalDouble.of(Double.NaN).equals(OptionalDouble.of(Double.NaN)));
        Supplier<Optional<String>> lazy = () -> Optional.of("lazy");
        System.out.println("or chain " + none.or(() -> none).or(lazy).orElse("x"));
        Optional<Optional<String>> nested = Optional.of(Optional.of("inner"));
        System.out.println("nested " + nested + " flat " + nested.flatMap(Function.identity()));
    }
}
