import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;

public class Main {
    static Optional<String> find(List<String> l, String prefix) {
        return l.stream().filter(s -> s.startsWith(prefix)).findFirst();
    }

    public static void main(String[] args) {
        List<String> names = List.of("alice", "bob", "carol", "bart");
        Optional<String> b = find(names, "b");
        Optional<String> z = find(names, "z");
        System.out.println(b + " " + z + " " + Optional.of(42) + " " + Optional.ofNullable(null));
        System.out.println("isPresent " + b.isPresent() + " isEmpty " + z.isEmpty() + " get " + b.get());
        System.out.println("map " + b.map(String::toUpperCase).orElse("none") + " " + z.map(String::toUpperCase).orElse("none"));
        System.out.println("filter " + b.filter(s -> s.length() > 5).orElseGet(() -> "too short") + " flatMap " + b.flatMap(s -> find(names, "c")).get());
        System.out.println("or " + z.or(() -> Optional.of("alt")).get());
        b.ifPresent(s -> System.out.println("ifPresent " + s));
        z.ifPresentOrElse(s -> System.out.println("unexpected"), () -> System.out.println("ifPresentOrElse empty branch"));
        try {
            z.get();
        } catch (NoSuchElementException e) {
            System.out.println("get on empty: " + e.getMessage());
        }
        try {
            z.orElseThrow(() -> new IllegalArgumentException("custom supplier"));
        } catch (IllegalArgumentException e) {
            System.out.println("orElseThrow: " + e.getMessage());
        }
        try {
            Optional.of(null);
        } catch (NullPointerException e) {
            System.out.println("Optional.of(null): NPE");
        }
        System.out.println("stream " + b.stream().count() + " " + z.stream().count());
        System.out.println("equals " + Optional.of("x").equals(Optional.of("x")) + " hashCode " + Optional.of("x").hashCode() + " empty hash " + Optional.empty().hashCode());
        OptionalInt oi = names.stream().mapToInt(String::length).max();
        System.out.println("OptionalInt " + oi + " " + oi.getAsInt() + " empty " + OptionalInt.empty());
        Optional<Integer> chained = Optional.of("  42 ").map(String::trim).map(Integer::parseInt).map(i -> i * 2);
        System.out.println("chained " + chained.orElse(-1));
        System.out.println("orElseThrow no-arg " + b.orElseThrow());
    }
}
