import java.lang.invoke.*;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

public class Main {
    byte b = -7;
    short s = -300;
    char c = '\uffff';
    boolean z = true;
    static byte staticByte = -8;
    static short staticShort = Short.MIN_VALUE;

    public static void main(String[] args) throws Throwable {
        MethodHandles.Lookup l = MethodHandles.lookup();
        VarHandle B = l.findVarHandle(Main.class, "b", byte.class);
        VarHandle S = l.findVarHandle(Main.class, "s", short.class);
        VarHandle C = l.findVarHandle(Main.class, "c", char.class);
        VarHandle Z = l.findVarHandle(Main.class, "z", boolean.class);
        VarHandle SB = l.findStaticVarHandle(Main.class, "staticByte", byte.class);
        VarHandle SS = l.findStaticVarHandle(Main.class, "staticShort", short.class);
        Main m = new Main();
        System.out.println("byte get " + (byte) B.get(m) + " volatile " + (byte) B.getVolatile(m) + " acquire " + (byte) B.getAcquire(m) + " opaque " + (byte) B.getOpaque(m));
        System.out.println("short get " + (short) S.get(m) + " volatile " + (short) S.getVolatile(m));
        System.out.println("char get " + (int) (char) C.get(m) + " boolean get " + (boolean) Z.get(m));
        System.out.println("static byte " + (byte) SB.get() + " static short " + (short) SS.get());
        System.out.println("getAndSet byte " + (byte) B.getAndSet(m, (byte) -100) + " -> " + m.b);
        System.out.println("getAndAdd byte " + (byte) B.getAndAdd(m, (byte) -100) + " -> " + m.b);
        System.out.println("getAndAdd short " + (short) S.getAndAdd(m, (short) 1) + " -> " + m.s);
        System.out.println("compareAndExchange byte " + (byte) B.compareAndExchange(m, m.b, (byte) -1) + " -> " + m.b);
        System.out.println("widened " + (int) B.get(m) + " " + (long) S.get(m));
        Object boxedByte = B.get(m);
        Object boxedShort = S.get(m);
        System.out.println("boxed " + boxedByte + " " + boxedShort + " " + boxedByte.getClass().getSimpleName());
        MethodHandle getter = l.findGetter(Main.class, "b", byte.class);
        MethodHandle sgetter = l.findStaticGetter(Main.class, "staticShort", short.class);
        System.out.println("MethodHandle getters " + (byte) getter.invokeExact(m) + " " + (short) sgetter.invokeExact());
        MethodHandle toMh = B.toMethodHandle(VarHandle.AccessMode.GET);
        System.out.println("toMethodHandle " + (byte) toMh.invokeExact(m));
        byte[] arr = {-5};
        short[] sarr = {-6};
        System.out.println("arrays " + (byte) MethodHandles.arrayElementVarHandle(byte[].class).get(arr, 0) + " " + (short) MethodHandles.arrayElementVarHandle(short[].class).get(sarr, 0));
    }
}
