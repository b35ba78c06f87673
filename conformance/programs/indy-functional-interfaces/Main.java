import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.LongBinaryOperator;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleBiFunction;
import java.util.function.UnaryOperator;

public class Main {
    @FunctionalInterface
    interface TriFunction<A, B, C, R> {
        R apply(A a, B b, C c);
        default <V> TriFunction<A, B, C, V> andThen(Function<? super R, ? extends V> after) {
            return (a, b, c) -> after.apply(apply(a, b, c));
        }
    }

    public static void main(String[] args) {
        Predicate<String> empty = String::isEmpty;
        Predicate<String> longish = s -> s.length() > 4;
        Predicate<String> startsA = s -> s.startsWith("a");
        for (String s : new String[] {"", "abc", "abcdef", "zebra"}) {
            System.out.println("[" + s + "] empty=" + empty.test(s) + " notEmpty=" + empty.negate().test(s) + " long&a=" + longish.and(startsA).test(s) + " long|a=" + longish.or(startsA).test(s) + " not(long)=" + Predicate.not(longish).test(s));
        }
        System.out.println("isEqual " + Predicate.isEqual("x").test("x") + " " + Predicate.isEqual(null).test(null));
        BinaryOperator<Integer> minBy = BinaryOperator.minBy(java.util.Comparator.naturalOrder());
        BinaryOperator<Integer> maxBy = BinaryOperator.maxBy(java.util.Comparator.naturalOrder());
        System.out.println("minBy " + minBy.apply(3, 9) + " maxBy " + maxBy.apply(3, 9));
        UnaryOperator<String> twice = s -> s + s;
        System.out.println("unary identity " + UnaryOperator.identity().apply("same") + " twice.andThen " + twice.andThen(String::length).apply("abc"));
        BiFunction<Integer, Integer, Integer> pow = (b, e) -> (int) Math.pow(b, e);
        System.out.println("bifunction andThen " + pow.andThen(x -> x - 1).apply(2, 10));
        StringBuilder log = new StringBuilder();
        Consumer<String> c1 = s -> log.append("1:").append(s).append(' ');
        Consumer<String> c2 = s -> log.append("2:").append(s.toUpperCase()).append(' ');
        c1.andThen(c2).accept("x");
        BiConsumer<String, Integer> bc = (s, n) -> log.append(s.repeat(n));
        bc.andThen((s, n) -> log.append('#').append(n)).accept("ab", 2);
        System.out.println("consumers " + log);
        Supplier<java.util.List<String>> sup = java.util.ArrayList::new;
        java.util.List<String> l1 = sup.get(), l2 = sup.get();
        System.out.println("supplier distinct objects " + (l1 != l2));
        IntPredicate even = i -> i % 2 == 0;
        System.out.println("IntPredicate " + even.test(4) + " " + even.negate().test(4) + " " + even.and(i -> i > 10).test(12));
        LongBinaryOperator lmul = (a, b) -> a * b;
        DoubleUnaryOperator half = d -> d / 2;
        System.out.println("primitive specialisations " + lmul.applyAsLong(1L << 31, 4) + " " + half.andThen(Math::sqrt).applyAsDouble(32) + " " + half.compose(d -> d + 1).applyAsDouble(3));
        ToDoubleBiFunction<Integer, Integer> ratio = (a, b) -> (double) a / b;
        BooleanSupplier bs = () -> ratio.applyAsDouble(1, 3) > 0.3;
        System.out.println("ratio " + ratio.applyAsDouble(1, 3) + " bool supplier " + bs.getAsBoolean());
        TriFunction<Integer, Integer, Integer, Integer> sum3 = (a, b, c) -> a + b + c;
        System.out.println("custom functional " + sum3.apply(1, 2, 3) + " andThen " + sum3.andThen(x -> "sum=" + x).apply(4, 5, 6));
        Function<Integer, Function<Integer, Function<Integer, Integer>>> curry = a -> b -> c -> a * b + c;
        System.out.println("curry " + curry.apply(6).apply(7).apply(0));
        Runnable[] rs = new Runnable[3];
        for (int i = 0; i < rs.length; i++) {
            int k = i;
            rs[i] = () -> System.out.print("r" + k + " ");
        }
        for (Runnable r : rs) r.run();
        System.out.println();
        java.util.concurrent.Callable<String> call = () -> "callable result";
        try {
            System.out.println(call.call());
        } catch (Exception e) {
            System.out.println("unexpected");
        }
    }
}
