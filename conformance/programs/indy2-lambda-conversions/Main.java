import java.util.function.*;

public class Main {
    static long widenToLong(long x) { return x * 10; }
    static double widenToDouble(double x) { return x / 4; }
    static int takesInt(int x) { return x + 1; }
    static Integer boxedIdentity(Integer x) { return x; }
    static int unboxedSum(Integer a, Integer b) { return a + b; }
    static short shortResult() { return (short) -12; }
    static char charResult() { return 'z'; }
    static byte byteResult() { return (byte) 200; }
    static Number number(Number n) { return n; }
    static Object anything(Object o) { return o == null ? "null!" : o.getClass().getSimpleName() + ":" + o; }

    interface IntToObj { Object apply(int x); }
    interface CharToInt { int apply(char c); }
    interface ByteToLong { long apply(byte b); }
    interface ObjToInt { int apply(Integer x); }
    interface LongToObject { Object apply(long l); }
    interface ShortToDouble { double apply(short s); }
    interface FloatFn { float apply(float f); }
    interface BoolFn { Boolean apply(boolean b); }

    public static void main(String[] args) {
        IntToLongFunction i2l = Main::widenToLong;
        System.out.println("int->long param " + i2l.applyAsLong(Integer.MAX_VALUE));
        IntToDoubleFunction i2d = Main::widenToDouble;
        LongToDoubleFunction l2d = Main::widenToDouble;
        System.out.println("int/long->double param " + i2d.applyAsDouble(7) + " " + l2d.applyAsDouble(Long.MAX_VALUE));
        Function<Integer, Long> unboxWiden = Main::widenToLong;
        System.out.println("Integer->long param, long->Long result " + unboxWiden.apply(-5));
        ToLongFunction<Integer> unbox = Main::widenToLong;
        System.out.println("ToLongFunction<Integer> " + unbox.applyAsLong(3));
        IntFunction<Integer> box = Main::boxedIdentity;
        System.out.println("int->Integer param " + box.apply(127) + " cached " + (box.apply(127) == box.apply(127)) + " " + (box.apply(128) == box.apply(128)));
        BinaryOperator<Integer> sum = Main::unboxedSum;
        System.out.println("unbox params, box result " + sum.apply(40, 2));
        try {
            sum.apply(null, 1);
        } catch (NullPointerException e) {
            System.out.println("NPE unboxing null argument");
        }
        IntSupplier fromShort = Main::shortResult;
        IntSupplier fromChar = Main::charResult;
        LongSupplier fromByte = Main::byteResult;
        DoubleSupplier fromChar2 = Main::charResult;
        System.out.println("narrow results widened " + fromShort.getAsInt() + " " + fromChar.getAsInt() + " " + fromByte.getAsLong() + " " + fromChar2.getAsDouble());
        Supplier<Object> boxedShort = Main::shortResult;
        Supplier<Object> boxedChar = Main::charResult;
        Supplier<Object> boxedByte = Main::byteResult;
        System.out.println("boxed results " + anything(boxedShort.get()) + " " + anything(boxedChar.get()) + " " + anything(boxedByte.get()));
        IntToObj io = Main::anything;
        LongToObject lo = Main::anything;
        System.out.println("primitive to Object param " + io.apply(5) + " " + lo.apply(5L));
        IntFunction<Number> toNumber = Main::number;
        DoubleFunction<Number> dToNumber = Main::number;
        System.out.println("primitive to Number " + anything(toNumber.apply(9)) + " " + anything(dToNumber.apply(9)));
        CharToInt c2i = Main::takesInt;
        ByteToLong b2l = Main::widenToLong;
        ShortToDouble s2d = Main::widenToDouble;
        System.out.println("char/byte/short params " + c2i.apply('A') + " " + b2l.apply((byte) -1) + " " + s2d.apply((short) 10));
        ObjToInt oi = Main::takesInt;
        System.out.println("Integer to int " + oi.apply(41));
        FloatFn ff = x -> x * 2;
        FloatFn widenF = Main::fToF;
        System.out.println("float " + ff.apply(1.25f) + " " + widenF.apply(0.1f));
        BoolFn bf = b -> !b;
        System.out.println("boolean boxing " + bf.apply(true) + " " + (bf.apply(false) == Boolean.TRUE));
        Function<Integer, Object> objectResult = x -> x * 2;
        System.out.println("autoboxed lambda result " + anything(objectResult.apply(21)));
        Supplier<Double> dsup = () -> 1.0 * 3;
        Supplier<Long> lsup = () -> 7L;
        System.out.println("boxed suppliers " + dsup.get() + " " + lsup.get());
        Comparable<String> comparable = "m"::compareTo;
        System.out.println("bound compareTo " + comparable.compareTo("a") + " " + comparable.compareTo("z"));
        Function<String, Character> first = s -> s.charAt(0);
        System.out.println("Character boxing " + anything(first.apply("first")));
        ToIntFunction<Character> charCode = c -> c;
        System.out.println("Character to int " + charCode.applyAsInt('\u00ff'));
        Function<Long, Integer> narrow = l -> (int) (long) l;
        System.out.println("explicit narrowing " + narrow.apply(1L << 33 | 7));
    }

    static float fToF(double d) { return (float) (d * 10); }
}
