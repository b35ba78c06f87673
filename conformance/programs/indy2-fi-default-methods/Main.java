import java.util.Comparator;
import java.util.List;
import java.util.function.*;
import java.util.stream.Collectors;

public class Main {
    @FunctionalInterface
    interface Validator<T> {
        String check(T value);

        default Validator<T> and(Validator<T> other) {
            return v -> {
                String first = check(v);
                return first != null ? first : other.check(v);
            };
        }

        static <T> Validator<T> of(Predicate<T> p, String message) {
            return v -> p.test(v) ? null : message + " (" + v + ")";
        }

        default boolean valid(T value) { return check(value) == null; }
    }

    interface Named { String name(); default String greeting() { return "Hi " + name(); } }

    public static void main(String[] args) {
        Function<Integer, Integer> plus2 = x -> x + 2;
        Function<Integer, Integer> times3 = x -> x * 3;
        System.out.println("andThen " + plus2.andThen(times3).apply(4) + " compose " + plus2.compose(times3).apply(4) + " identity " + Function.<Integer>identity().apply(5));
        Function<Integer, String> chain = plus2.andThen(times3).andThen(Object::toString).andThen(s -> s + s);
        System.out.println("long chain " + chain.apply(1));
        BiFunction<String, Integer, String> rep = String::repeat;
        System.out.println("bi andThen " + rep.andThen(String::length).apply("ab", 5));
        Predicate<String> isEmpty = String::isEmpty;
        Predicate<String> hasDigit = s -> s.chars().anyMatch(Character::isDigit);
        Predicate<String> combo = isEmpty.negate().and(hasDigit.or(s -> s.startsWith("#")));
        for (String s : List.of("", "abc", "a1", "#x", "99")) {
            System.out.println("[" + s + "] combo=" + combo.test(s) + " not=" + Predicate.not(combo).test(s) + " eq=" + Predicate.isEqual("a1").test(s));
        }
        BiPredicate<String, Integer> longer = (s, n) -> s.length() > n;
        System.out.println("bipredicate " + longer.test("abc", 2) + " " + longer.negate().test("abc", 2) + " " + longer.and((s, n) -> n > 0).test("abc", 0) + " " + longer.or((s, n) -> n < 0).test("", -1));
        StringBuilder out = new StringBuilder();
        Consumer<String> a = s -> out.append("A").append(s);
        Consumer<String> b = s -> out.append("B").append(s);
        a.andThen(b).andThen(a).accept("x");
        BiConsumer<String, String> bc = (k, v) -> out.append(' ').append(k).append('=').append(v);
        bc.andThen((k, v) -> out.append(';')).accept("key", "val");
        System.out.println("consumers " + out);
        BinaryOperator<String> shorter = BinaryOperator.minBy(Comparator.comparingInt(String::length));
        BinaryOperator<String> longest = BinaryOperator.maxBy(Comparator.comparingInt(String::length));
        System.out.println("minBy " + shorter.apply("aaa", "bb") + " maxBy " + longest.apply("aaa", "bb") + " tie " + shorter.apply("xx", "yy") + longest.apply("xx", "yy"));
        BinaryOperator<Integer> add = Integer::sum;
        System.out.println("binary andThen " + add.andThen(x -> x * x).apply(3, 4));
        UnaryOperator<String> trim = String::strip;
        System.out.println("unary identity " + UnaryOperator.<String>identity().apply("id") + " " + trim.andThen(String::toUpperCase).apply("  up  "));
        Validator<String> notNull = Validator.of(s -> s != null, "null");
        Validator<String> notBlank = Validator.of(s -> !s.isBlank(), "blank");
        Validator<String> shortEnough = Validator.of(s -> s.length() < 6, "too long");
        Validator<String> all = notNull.and(notBlank).and(shortEnough);
        for (String s : new String[] {null, " ", "fine", "much too long"}) {
            System.out.println("validate " + s + " -> " + all.check(s) + " valid=" + all.valid(s));
        }
        Named n = () -> "Zed";
        System.out.println(n.greeting());
        Supplier<List<String>> sup = () -> List.of("s1", "s2");
        System.out.println(sup.get().stream().map(Function.<String>identity().andThen(String::toUpperCase)).collect(Collectors.joining("+")));
        IntPredicate positive = i -> i > 0;
        IntPredicate even = i -> i % 2 == 0;
        System.out.println("int predicate chain " + positive.and(even).test(4) + positive.and(even).test(-4) + positive.or(even).test(-4) + positive.negate().test(0));
        DoubleUnaryOperator half = d -> d / 2;
        System.out.println("double op chain " + half.andThen(half).compose(d -> d + 1).applyAsDouble(7));
    }
}
