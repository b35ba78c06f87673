import java.util.function.*;

public class Main {
    public static void main(String[] args) {
        IntFunction<String> intFn = i -> "i" + i;
        LongFunction<String> longFn = l -> "l" + l;
        DoubleFunction<String> dblFn = d -> "d" + d;
        ToIntFunction<String> toInt = String::length;
        ToLongFunction<String> toLong = s -> Long.parseLong(s) * 1000000000L;
        ToDoubleFunction<String> toDbl = Double::parseDouble;
        System.out.println(intFn.apply(-3) + " " + longFn.apply(Long.MIN_VALUE) + " " + dblFn.apply(-0.0));
        System.out.println(toInt.applyAsInt("abcd") + " " + toLong.applyAsLong("9") + " " + toDbl.applyAsDouble("1e-5"));
        IntUnaryOperator negate = x -> -x;
        LongUnaryOperator square = x -> x * x;
        DoubleUnaryOperator recip = x -> 1 / x;
        System.out.println(negate.applyAsInt(Integer.MIN_VALUE) + " " + square.applyAsLong(3037000499L) + " " + recip.applyAsDouble(0.0) + " " + recip.applyAsDouble(-0.0));
        IntBinaryOperator sub = (a, b) -> a - b;
        LongBinaryOperator div = (a, b) -> a / b;
        DoubleBinaryOperator hyp = Math::hypot;
        System.out.println(sub.applyAsInt(3, 10) + " " + div.applyAsLong(-7, 2) + " " + hyp.applyAsDouble(3, 4));
        try {
            div.applyAsLong(1, 0);
        } catch (ArithmeticException e) {
            System.out.println("ArithmeticException " + e.getMessage());
        }
        IntPredicate odd = i -> (i & 1) == 1;
        LongPredicate big = l -> l > Integer.MAX_VALUE;
        DoublePredicate nan = Double::isNaN;
        System.out.println(odd.test(7) + " " + odd.or(i -> i == 0).test(0) + " " + big.test(1L << 31) + " " + big.negate().test(5) + " " + nan.test(0.0 / 0) + " " + nan.and(d -> false).test(Double.NaN));
        IntSupplier is = () -> 42;
        LongSupplier ls = () -> -1L;
        DoubleSupplier ds = () -> Math.PI;
        BooleanSupplier bs = () -> is.getAsInt() > 40;
        Supplier<String> ss = () -> "supplied";
        System.out.println(is.getAsInt() + " " + ls.getAsLong() + " " + ds.getAsDouble() + " " + bs.getAsBoolean() + " " + ss.get());
        StringBuilder log = new StringBuilder();
        IntConsumer ic = i -> log.append("i").append(i);
        LongConsumer lc = l -> log.append("l").append(l);
        DoubleConsumer dc = d -> log.append("d").append(d);
        ObjIntConsumer<String> oic = (s, i) -> log.append(s).append(i);
        ObjLongConsumer<String> olc = (s, l) -> log.append(s).append(l);
        ObjDoubleConsumer<String> odc = (s, d) -> log.append(s).append(d);
        ic.andThen(i -> log.append("+")).accept(1);
        lc.andThen(l -> log.append("+")).accept(2L);
        dc.andThen(d -> log.append("+")).accept(3.5);
        oic.accept("o", 4);
        olc.accept("p", 5L);
        odc.accept("q", 6.25);
        System.out.println("consumers " + log);
        IntToLongFunction i2l = i -> (long) i << 32;
        IntToDoubleFunction i2d = i -> i / 4.0;
        LongToIntFunction l2i = l -> (int) (l >>> 32);
        LongToDoubleFunction l2d = l -> l * 0.5;
        DoubleToIntFunction d2i = d -> (int) d;
        DoubleToLongFunction d2l = Math::round;
        System.out.println(i2l.applyAsLong(-1) + " " + i2d.applyAsDouble(7) + " " + l2i.applyAsInt(-1L) + " " + l2d.applyAsDouble(3) + " " + d2i.applyAsInt(Double.NaN) + " " + d2i.applyAsInt(1e20) + " " + d2l.applyAsLong(-2.5));
        BiFunction<Integer, Long, Double> biMixed = (a, b) -> a * 1.0 / b;
        ToIntBiFunction<String, String> cmp = String::compareTo;
        ToLongBiFunction<Integer, Integer> mul = (a, b) -> (long) a * b;
        ToDoubleBiFunction<Long, Long> avg = (a, b) -> (a + b) / 2.0;
        System.out.println(biMixed.apply(1, 3L) + " " + cmp.applyAsInt("apple", "banana") + " " + mul.applyAsLong(Integer.MAX_VALUE, Integer.MAX_VALUE) + " " + avg.applyAsDouble(1L, 2L));
        UnaryOperator<String> up = String::toUpperCase;
        BinaryOperator<String> cat = String::concat;
        System.out.println(up.apply("up") + " " + cat.apply("con", "cat") + " " + up.andThen(s -> s + "!").apply("wow") + " " + up.compose((String s) -> s.trim()).apply("  pad  "));
        IntUnaryOperator inc = i -> i + 1;
        IntUnaryOperator dbl = i -> i * 2;
        System.out.println("compose " + inc.compose(dbl).applyAsInt(5) + " andThen " + inc.andThen(dbl).applyAsInt(5) + " identity " + IntUnaryOperator.identity().applyAsInt(9));
        LongUnaryOperator lid = LongUnaryOperator.identity();
        DoubleUnaryOperator did = DoubleUnaryOperator.identity();
        System.out.println("identities " + lid.andThen(l -> l + 1).applyAsLong(9) + " " + did.compose(d -> d * 3).applyAsDouble(1.5));
        int sum = 0;
        IntBinaryOperator[] ops = {Integer::sum, Math::min, Math::max, (a, b) -> a * b, (a, b) -> a % b, Integer::rotateLeft};
        for (IntBinaryOperator op : ops) sum = sum * 31 + op.applyAsInt(17, 5);
        System.out.println("ops hash " + sum);
    }
}
