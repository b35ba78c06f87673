import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import java.util.function.ToIntBiFunction;
import java.util.function.ToIntFunction;

public class Main {
    interface Shape { double area(); default String kind() { return "shape"; } }

    static class Square implements Shape {
        final double side;
        Square(double side) { this.side = side; }
        Square() { this(1); }
        public double area() { return side * side; }
        public String kind() { return "square"; }
        public String toString() { return "Square(" + side + ")"; }
    }

    static class Base {
        String who() { return "base"; }
        String call() { return "Base.call"; }
    }

    static class Derived extends Base {
        @Override String who() { return "derived"; }
        @Override String call() { return "Derived.call"; }
        Supplier<String> superRef() { return super::call; }
        Supplier<String> thisRef() { return this::call; }
        Supplier<String> superWho() { return super::who; }
    }

    interface Greeter { default String greet() { return "hello from Greeter"; } }

    static class Polite implements Greeter {
        public String greet() { return "polite hello"; }
        Supplier<String> original() { return Greeter.super::greet; }
    }

    static int twice(int x) { return 2 * x; }
    static <T> List<T> listOf2(T a, T b) { return Arrays.asList(a, b); }
    private static String hidden(String s) { return "[" + s + "]"; }

    String instanceField = "inst";
    String decorate(String s) { return instanceField + "<" + s + ">"; }

    public static void main(String[] args) {
        IntUnaryOperator st = Main::twice;
        Function<String, String> priv = Main::hidden;
        BiFunction<String, String, List<String>> gen = Main::listOf2;
        System.out.println("static " + st.applyAsInt(21) + " " + priv.apply("p") + " " + gen.apply("a", "b"));
        IntBinaryOperator max = Math::max;
        ToIntBiFunction<Integer, Integer> cmp = Integer::compare;
        System.out.println("jdk static " + max.applyAsInt(3, 9) + " " + cmp.applyAsInt(5, 2));

        Main m = new Main();
        Function<String, String> bound = m::decorate;
        m.instanceField = "changed";
        System.out.println("bound sees field change " + bound.apply("x"));
        String hello = "hello";
        Supplier<String> boundUpper = hello::toUpperCase;
        IntFunction<Character> boundCharAt = hello::charAt;
        System.out.println("bound jdk " + boundUpper.get() + " " + boundCharAt.apply(4));
        Supplier<Integer> boundHash = hello::hashCode;
        System.out.println("bound hashCode " + boundHash.get());

        Function<Shape, Double> unboundIface = Shape::area;
        Function<Shape, String> unboundDefault = Shape::kind;
        ToIntFunction<String> unboundLen = String::length;
        BiPredicate<String, String> unboundEq = String::equalsIgnoreCase;
        BiFunction<String, Integer, String> unboundSub = String::substring;
        Shape sq = new Square(3);
        Shape lambdaShape = () -> 2.5;
        System.out.println("unbound " + unboundIface.apply(sq) + " " + unboundIface.apply(lambdaShape) + " " + unboundDefault.apply(sq) + " " + unboundDefault.apply(lambdaShape));
        System.out.println("unbound jdk " + unboundLen.applyAsInt("four") + " " + unboundEq.test("AbC", "aBc") + " " + unboundSub.apply("substring", 3));
        Function<Object, String> toStr = Object::toString;
        System.out.println("unbound Object::toString " + toStr.apply(sq) + " " + toStr.apply(12));

        Supplier<Square> noArg = Square::new;
        Function<Double, Square> oneArg = Square::new;
        Function<String, StringBuilder> sbNew = StringBuilder::new;
        Supplier<ArrayList<Integer>> alNew = ArrayList::new;
        IntFunction<ArrayList<Integer>> alCap = ArrayList::new;
        System.out.println("ctor " + noArg.get() + " " + oneArg.apply(4.0) + " " + sbNew.apply("sb").append("!") + " " + alNew.get() + " " + alCap.apply(10).size());

        IntFunction<int[]> intArr = int[]::new;
        IntFunction<long[][]> longArr2 = long[][]::new;
        IntFunction<String[]> strArr = String[]::new;
        Function<Integer, Object[]> objArr = Object[]::new;
        int[] ia = intArr.apply(5);
        long[][] la = longArr2.apply(2);
        String[] sa = strArr.apply(3);
        System.out.println("array ctor " + ia.length + " " + ia[4] + " " + la.length + " " + la[0] + " " + sa.length + " " + sa[1] + " " + objArr.apply(7).length + " " + sa.getClass().getSimpleName() + " " + la.getClass().getName());
        String[] collected = List.of("q", "r", "s").stream().map(String::toUpperCase).toArray(String[]::new);
        System.out.println("toArray(String[]::new) " + Arrays.toString(collected) + " " + collected.getClass().getSimpleName());
        try {
            intArr.apply(-1);
        } catch (NegativeArraySizeException e) {
            System.out.println("NegativeArraySizeException " + e.getMessage());
        }

        Derived der = new Derived();
        System.out.println("super:: " + der.superRef().get() + " this:: " + der.thisRef().get() + " super who " + der.superWho().get());
        Polite p = new Polite();
        System.out.println("Iface.super:: " + p.original().get() + " vs " + p.greet());

        Function<String, Integer> parse = Integer::valueOf;
        Function<Integer, String> hex = Integer::toHexString;
        System.out.println("overloaded resolution " + parse.andThen(hex).apply("255"));
        Function<Object, Boolean> nonNull = Objects::nonNull;
        System.out.println("Objects::nonNull " + nonNull.apply(null) + " " + nonNull.apply(1));
    }
}
