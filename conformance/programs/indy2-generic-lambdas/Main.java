import java.util.*;
import java.util.function.*;
import java.util.stream.*;

public class Main {
    interface Transformer<A, B> {
        B transform(A a);
        default <C> Transformer<A, C> then(Transformer<? super B, ? extends C> next) { return a -> next.transform(transform(a)); }
        static <T> Transformer<T, T> identity() { return t -> t; }
    }

    interface Monoid<T> {
        T empty();
        T combine(T a, T b);
        static <T> Monoid<T> of(T empty, BinaryOperator<T> op) {
            return new Monoid<>() {
                public T empty() { return empty; }
                public T combine(T a, T b) { return op.apply(a, b); }
            };
        }
    }

    // generic functional interface whose erasure forces bridge methods in the lambda class
    interface Parser<T extends Comparable<T>> extends Function<String, T> {
        T apply(String s);
    }

    static <T, R> List<R> map(List<T> in, Function<? super T, ? extends R> f) {
        List<R> out = new ArrayList<>();
        for (T t : in) out.add(f.apply(t));
        return out;
    }

    static <T> List<T> filter(List<T> in, Predicate<? super T> p) {
        return in.stream().filter(p).collect(Collectors.toList());
    }

    static <T, A> A fold(List<T> in, A init, BiFunction<A, ? super T, A> f) {
        A acc = init;
        for (T t : in) acc = f.apply(acc, t);
        return acc;
    }

    static <T> T concatAll(List<T> in, Monoid<T> m) { return fold(in, m.empty(), m::combine); }

    static <K, V extends Comparable<? super V>> Optional<K> argMax(Map<K, V> m) {
        return m.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    static <T> Supplier<T> memoize(Supplier<T> s) {
        Object[] cache = {null};
        boolean[] done = {false};
        return () -> {
            if (!done[0]) { cache[0] = s.get(); done[0] = true; }
            @SuppressWarnings("unchecked") T t = (T) cache[0];
            return t;
        };
    }

    static <A, B, C> Function<A, Function<B, C>> curry(BiFunction<A, B, C> f) { return a -> b -> f.apply(a, b); }

    static <A, B, C> BiFunction<B, A, C> flip(BiFunction<A, B, C> f) { return (b, a) -> f.apply(a, b); }

    static <T extends Comparable<? super T>> T maxOf(List<? extends T> list) {
        return list.stream().reduce((a, b) -> a.compareTo(b) >= 0 ? a : b).orElseThrow();
    }

    record Pair<A, B>(A first, B second) {
        <C> Pair<A, C> mapSecond(Function<? super B, ? extends C> f) { return new Pair<>(first, f.apply(second)); }
        static <X, Y> Pair<X, Y> of(X x, Y y) { return new Pair<>(x, y); }
    }

    public static void main(String[] args) {
        List<Integer> nums = List.of(5, 3, 8, 1, 9, 2);
        System.out.println("map " + map(nums, n -> "n" + n) + " " + map(nums, Integer::toBinaryString));
        System.out.println("filter " + filter(nums, n -> n > 4) + " " + filter(List.of("a", "bb", "ccc"), s -> s.length() != 2));
        System.out.println("fold " + fold(nums, 0, Integer::sum) + " " + fold(nums, "", (acc, n) -> acc + n) + " " + fold(nums, 1L, (acc, n) -> acc * n));
        System.out.println("monoids " + concatAll(List.of("x", "y", "z"), Monoid.of("", String::concat)) + " " + concatAll(nums, Monoid.of(0, Integer::sum)) + " " + concatAll(List.of(List.of(1), List.of(2, 3)), Monoid.<List<Integer>>of(List.of(), (a, b) -> { List<Integer> r = new ArrayList<>(a); r.addAll(b); return r; })));
        Transformer<String, Integer> len = String::length;
        Transformer<String, String> pipeline = Transformer.<String>identity().then(String::trim).then(len).then(n -> n * n).then(Object::toString);
        System.out.println("transformer " + pipeline.transform("  abcd  "));
        Parser<Integer> intParser = Integer::valueOf;
        Function<String, Integer> asFunction = intParser;
        Function<String, String> composed = intParser.andThen(i -> i + 1).andThen(String::valueOf);
        System.out.println("bridged parser " + intParser.apply("41") + " " + asFunction.apply("42") + " " + composed.apply("43"));
        Parser<String> upper = s -> s.toUpperCase();
        System.out.println("parser list " + Stream.of("a", "b").map(upper).collect(Collectors.toList()));
        Map<String, Integer> scores = new TreeMap<>(Map.of("ann", 3, "bob", 9, "cid", 5));
        System.out.println("argMax " + argMax(scores) + " " + argMax(new HashMap<String, Integer>()));
        int[] calls = {0};
        Supplier<String> memo = memoize(() -> { calls[0]++; return "computed"; });
        System.out.println("memoize " + memo.get() + memo.get() + memo.get() + " calls " + calls[0]);
        Function<Integer, Function<Integer, Integer>> curried = curry((a, b) -> a * 10 + b);
        System.out.println("curry " + curried.apply(4).apply(2) + " flip " + flip((String a, Integer b) -> a.repeat(b)).apply(3, "ab"));
        System.out.println("maxOf " + maxOf(List.of(3, 7, 2)) + " " + maxOf(List.of("pear", "apple", "zoo")));
        Pair<String, Integer> p = Pair.of("k", 21);
        System.out.println("generic record " + p.mapSecond(v -> v * 2) + " " + p.mapSecond(String::valueOf).second().length());
        BiFunction<Double, Double, Double> pow = Math::pow;
        Function<Double, Double> square = x -> pow.apply(x, 2.0);
        System.out.println("boxed generic math " + square.apply(1.5) + " " + pow.andThen(Math::round).apply(2.0, 10.0));
        List<Supplier<? extends Number>> suppliers = List.of(() -> 1, () -> 2L, () -> 3.5f, () -> 4.25);
        System.out.println("wildcard suppliers " + suppliers.stream().map(Supplier::get).map(n -> n.getClass().getSimpleName() + ":" + n.doubleValue()).collect(Collectors.joining(", ")));
        Comparator<Pair<String, Integer>> byBoth = Comparator.<Pair<String, Integer>, Integer>comparing(Pair::second).thenComparing(Pair::first);
        List<Pair<String, Integer>> pairs = new ArrayList<>(List.of(Pair.of("b", 2), Pair.of("a", 2), Pair.of("c", 1)));
        pairs.sort(byBoth);
        System.out.println("generic comparator " + pairs);
        Function<Object, String> describe = o -> o.getClass().getSimpleName();
        Function<String, Object> widened = describe::apply;
        System.out.println("contravariance " + widened.apply("x") + " " + map(List.<Object>of(1, "s", 2.0), describe));
    }
}
