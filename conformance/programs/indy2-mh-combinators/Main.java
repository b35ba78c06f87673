import java.lang.invoke.*;
import java.util.*;

public class Main {
    static int add(int a, int b) { return a + b; }
    static String concat3(String a, String b, String c) { return a + "|" + b + "|" + c; }
    static String describe(String label, int value) { return label + "=" + value; }
    static int length(String s) { return s.length(); }
    static String twice(String s) { return s + s; }
    static boolean isEven(int x) { return x % 2 == 0; }
    static String even(int x) { return x + " is even"; }
    static String odd(int x) { return x + " is odd"; }
    static int parse(String s) { return Integer.parseInt(s); }
    static int recover(NumberFormatException e, String s) { return -1; }
    static String log(String s) { System.out.println("  fold saw " + s); return "[" + s + "]"; }
    static String prefixed(String prefix, String s) { return prefix + s; }
    static long sum(int... xs) { long t = 0; for (int x : xs) t += x; return t; }

    public static void main(String[] args) throws Throwable {
        MethodHandles.Lookup l = MethodHandles.lookup();
        MethodHandle add = l.findStatic(Main.class, "add", MethodType.methodType(int.class, int.class, int.class));
        MethodHandle concat3 = l.findStatic(Main.class, "concat3", MethodType.methodType(String.class, String.class, String.class, String.class));
        MethodHandle describe = l.findStatic(Main.class, "describe", MethodType.methodType(String.class, String.class, int.class));
        MethodHandle length = l.findStatic(Main.class, "length", MethodType.methodType(int.class, String.class));
        MethodHandle twice = l.findStatic(Main.class, "twice", MethodType.methodType(String.class, String.class));

        MethodHandle bound = describe.bindTo("bound");
        System.out.println("bindTo " + (String) bound.invokeExact(7) + " type " + bound.type());
        MethodHandle sbAppend = l.findVirtual(StringBuilder.class, "append", MethodType.methodType(StringBuilder.class, String.class));
        StringBuilder sb = new StringBuilder("sb:");
        MethodHandle boundAppend = sbAppend.bindTo(sb);
        boundAppend.invoke("a");
        boundAppend.invoke("b");
        System.out.println("bindTo receiver " + sb);
        MethodHandle ins = MethodHandles.insertArguments(concat3, 1, "MID", "END");
        System.out.println("insertArguments " + (String) ins.invokeExact("start") + " " + ins.type());
        MethodHandle ins0 = MethodHandles.insertArguments(add, 0, 40, 2);
        System.out.println("insert all " + (int) ins0.invokeExact());
        MethodHandle asObj = add.asType(MethodType.methodType(Object.class, Object.class, Object.class));
        System.out.println("asType boxing " + asObj.invokeExact((Object) 3, (Object) 4));
        MethodHandle asLong = add.asType(MethodType.methodType(long.class, int.class, int.class));
        System.out.println("asType widen result " + (long) asLong.invokeExact(Integer.MAX_VALUE, 1));
        MethodHandle asShortArgs = add.asType(MethodType.methodType(int.class, short.class, byte.class));
        System.out.println("asType widen args " + (int) asShortArgs.invokeExact((short) 300, (byte) -1));
        MethodHandle asInteger = add.asType(MethodType.methodType(Integer.class, Integer.class, int.class));
        System.out.println("asType Integer " + (Integer) asInteger.invokeExact((Integer) 5, 6));
        try {
            Object r = asObj.invokeExact((Object) "str", (Object) 1);
        } catch (ClassCastException e) {
            System.out.println("asType cast failure " + e.getClass().getSimpleName());
        }
        MethodHandle dropped = MethodHandles.dropArguments(length, 0, int.class, String.class);
        System.out.println("dropArguments " + (int) dropped.invokeExact(1, "ignored", "counted") + " " + dropped.type());
        MethodHandle droppedEnd = MethodHandles.dropArguments(length, 1, long.class);
        System.out.println("dropArguments end " + (int) droppedEnd.invokeExact("four", 9L));
        MethodHandle filteredRet = MethodHandles.filterReturnValue(twice, length);
        System.out.println("filterReturnValue " + (int) filteredRet.invokeExact("abc"));
        MethodHandle filteredArgs = MethodHandles.filterArguments(describe, 0, twice, null);
        System.out.println("filterArguments " + (String) filteredArgs.invokeExact("ab", 1));
        MethodHandle lenThenDescribe = MethodHandles.filterArguments(describe, 1, length);
        System.out.println("filterArguments type change " + (String) lenThenDescribe.invokeExact("len", "12345") + " " + lenThenDescribe.type());
        MethodHandle permuted = MethodHandles.permuteArguments(concat3, MethodType.methodType(String.class, String.class, String.class, String.class), 2, 0, 1);
        System.out.println("permuteArguments " + (String) permuted.invokeExact("a", "b", "c"));
        MethodHandle dup = MethodHandles.permuteArguments(concat3, MethodType.methodType(String.class, String.class), 0, 0, 0);
        System.out.println("permute duplicate " + (String) dup.invokeExact("x"));
        MethodHandle prefixed = l.findStatic(Main.class, "prefixed", MethodType.methodType(String.class, String.class, String.class));
        MethodHandle folded = MethodHandles.foldArguments(prefixed, l.findStatic(Main.class, "log", MethodType.methodType(String.class, String.class)));
        System.out.println("foldArguments " + (String) folded.invokeExact("payload"));
        MethodHandle collected = MethodHandles.collectArguments(describe, 1, length);
        System.out.println("collectArguments " + (String) collected.invokeExact("n", "seven"));
        MethodHandle gwt = MethodHandles.guardWithTest(
            l.findStatic(Main.class, "isEven", MethodType.methodType(boolean.class, int.class)),
            l.findStatic(Main.class, "even", MethodType.methodType(String.class, int.class)),
            l.findStatic(Main.class, "odd", MethodType.methodType(String.class, int.class)));
        for (int i = 0; i < 4; i++) System.out.print((String) gwt.invokeExact(i) + "; ");
        System.out.println();
        MethodHandle parse = l.findStatic(Main.class, "parse", MethodType.methodType(int.class, String.class));
        MethodHandle safe = MethodHandles.catchException(parse, NumberFormatException.class, l.findStatic(Main.class, "recover", MethodType.methodType(int.class, NumberFormatException.class, String.class)));
        System.out.println("catchException " + (int) safe.invokeExact("12") + " " + (int) safe.invokeExact("x"));
        MethodHandle thrower = MethodHandles.throwException(String.class, IllegalArgumentException.class);
        try {
            String r = (String) thrower.invokeExact(new IllegalArgumentException("from throwException"));
        } catch (IllegalArgumentException e) {
            System.out.println("throwException " + e.getMessage());
        }
        MethodHandle id = MethodHandles.identity(String.class);
        MethodHandle constant = MethodHandles.constant(int.class, 99);
        System.out.println("identity " + (String) id.invokeExact("same") + " constant " + (int) constant.invokeExact() + " zero " + MethodHandles.zero(long.class).invoke() + " empty " + MethodHandles.empty(MethodType.methodType(String.class, int.class)).invoke(1));
        MethodHandle getter = MethodHandles.arrayElementGetter(int[].class);
        MethodHandle setter = MethodHandles.arrayElementSetter(int[].class);
        MethodHandle arrLen = MethodHandles.arrayLength(int[].class);
        MethodHandle arrCtor = MethodHandles.arrayConstructor(String[].class);
        int[] arr = {10, 20, 30};
        setter.invokeExact(arr, 1, 25);
        System.out.println("array handles " + (int) getter.invokeExact(arr, 1) + " " + (int) arrLen.invokeExact(arr) + " " + ((String[]) arrCtor.invokeExact(4)).length);
        try {
            int bad = (int) getter.invokeExact(arr, 3);
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println("AIOOBE " + e.getMessage());
        }
        MethodHandle spreader = concat3.asSpreader(String[].class, 2);
        System.out.println("asSpreader " + (String) spreader.invokeExact("one", new String[] {"two", "three"}));
        MethodHandle sum = l.findStatic(Main.class, "sum", MethodType.methodType(long.class, int[].class));
        MethodHandle collector = sum.asFixedArity().asCollector(int[].class, 3);
        System.out.println("asCollector " + (long) collector.invokeExact(1, 2, 3) + " " + collector.type());
        MethodHandle spreadInvoker = MethodHandles.spreadInvoker(add.type(), 0);
        System.out.println("spreadInvoker " + spreadInvoker.invoke(add, new Object[] {20, 22}));
        MethodHandle exactInvoker = MethodHandles.exactInvoker(add.type());
        System.out.println("exactInvoker " + (int) exactInvoker.invokeExact(add, 1, 1));
        MethodHandle chain = MethodHandles.filterReturnValue(MethodHandles.filterReturnValue(twice, twice), length);
        System.out.println("chain " + (int) chain.invokeExact("ab"));
        MethodHandle countLoop = MethodHandles.countedLoop(MethodHandles.constant(int.class, 5), MethodHandles.constant(int.class, 0),
            MethodHandles.dropArguments(add, 0, new Class<?>[0]));
        System.out.println("countedLoop " + countLoop.invoke());
    }
}
