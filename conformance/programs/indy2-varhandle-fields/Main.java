import java.lang.invoke.*;

public class Main {
    static class Box {
        boolean z;
        byte b;
        short s;
        char c;
        int i;
        long l;
        float f;
        double d;
        String ref = "init";
        volatile int vol;
        final int fin = 5;
        static long counter;
        static Object staticRef;
    }

    public static void main(String[] args) throws Throwable {
        MethodHandles.Lookup lk = MethodHandles.lookup();
        VarHandle Z = lk.findVarHandle(Box.class, "z", boolean.class);
        VarHandle B = lk.findVarHandle(Box.class, "b", byte.class);
        VarHandle S = lk.findVarHandle(Box.class, "s", short.class);
        VarHandle C = lk.findVarHandle(Box.class, "c", char.class);
        VarHandle I = lk.findVarHandle(Box.class, "i", int.class);
        VarHandle L = lk.findVarHandle(Box.class, "l", long.class);
        VarHandle F = lk.findVarHandle(Box.class, "f", float.class);
        VarHandle D = lk.findVarHandle(Box.class, "d", double.class);
        VarHandle R = lk.findVarHandle(Box.class, "ref", String.class);
        VarHandle V = lk.findVarHandle(Box.class, "vol", int.class);
        VarHandle COUNTER = lk.findStaticVarHandle(Box.class, "counter", long.class);
        VarHandle SREF = lk.findStaticVarHandle(Box.class, "staticRef", Object.class);
        Box box = new Box();
        Z.set(box, true);
        B.set(box, (byte) 7);
        S.set(box, (short) 30000);
        C.set(box, 'Q');
        I.set(box, 42);
        L.set(box, Long.MIN_VALUE);
        F.set(box, 1.5f);
        D.set(box, -0.0);
        R.set(box, "set");
        System.out.println("plain get " + (boolean) Z.get(box) + " " + (byte) B.get(box) + " " + (short) S.get(box) + " " + (char) C.get(box) + " " + (int) I.get(box) + " " + (long) L.get(box) + " " + (float) F.get(box) + " " + (double) D.get(box) + " " + (String) R.get(box));
        System.out.println("fields " + box.z + " " + box.b + " " + box.s + " " + box.c + " " + box.i + " " + box.l + " " + box.f + " " + box.d + " " + box.ref);
        I.setVolatile(box, 1);
        System.out.println("volatile " + (int) I.getVolatile(box) + " opaque " + (int) I.getOpaque(box) + " acquire " + (int) I.getAcquire(box));
        I.setRelease(box, 2);
        I.setOpaque(box, 3);
        System.out.println("release/opaque " + box.i);
        System.out.println("CAS int " + I.compareAndSet(box, 3, 10) + " " + I.compareAndSet(box, 3, 11) + " -> " + box.i);
        System.out.println("CAE int " + (int) I.compareAndExchange(box, 10, 20) + " " + (int) I.compareAndExchange(box, 10, 30) + " -> " + box.i);
        System.out.println("CAE acquire/release " + (int) I.compareAndExchangeAcquire(box, 20, 21) + " " + (int) I.compareAndExchangeRelease(box, 21, 22));
        boolean weak = false;
        while (!weak) weak = I.weakCompareAndSet(box, 22, 23);
        System.out.println("weakCAS " + box.i);
        while (!I.weakCompareAndSetPlain(box, 23, 24)) { }
        while (!I.weakCompareAndSetAcquire(box, 24, 25)) { }
        while (!I.weakCompareAndSetRelease(box, 25, 26)) { }
        System.out.println("weak variants " + box.i);
        System.out.println("getAndAdd int " + (int) I.getAndAdd(box, 5) + " -> " + box.i + " getAndSet " + (int) I.getAndSet(box, -1) + " -> " + box.i);
        System.out.println("getAndAdd long " + (long) L.getAndAdd(box, -1L) + " -> " + box.l);
        System.out.println("getAndAdd short " + (short) S.getAndAdd(box, (short) 10000) + " -> " + box.s);
        System.out.println("getAndAdd char " + (char) C.getAndAdd(box, (char) 1) + " -> " + box.c);
        System.out.println("getAndAdd float " + (float) F.getAndAdd(box, 0.25f) + " -> " + box.f + " double " + (double) D.getAndAdd(box, 1e-5) + " -> " + box.d);
        I.set(box, 0b1100);
        System.out.println("bitwise " + (int) I.getAndBitwiseOr(box, 0b0011) + " " + (int) I.getAndBitwiseAnd(box, 0b1010) + " " + (int) I.getAndBitwiseXor(box, 0b1111) + " -> " + box.i);
        System.out.println("boolean bitwise " + (boolean) Z.getAndBitwiseXor(box, true) + " -> " + box.z + " " + (boolean) Z.getAndBitwiseOr(box, true) + " -> " + box.z);
        System.out.println("CAS boolean " + Z.compareAndSet(box, true, false) + " byte " + B.compareAndSet(box, (byte) 7, (byte) 70) + " -> " + box.z + " " + box.b);
        System.out.println("CAS long " + L.compareAndSet(box, Long.MAX_VALUE, 0L) + " -> " + box.l);
        System.out.println("CAS float NaN bits " + F.compareAndSet(box, 1.75f, Float.NaN) + " " + F.compareAndSet(box, Float.NaN, 2f) + " -> " + box.f);
        System.out.println("CAS double -0.0 vs 0.0 " + D.compareAndSet(box, 0.0, 1.0) + " -> " + box.d);
        String expected = box.ref;
        System.out.println("CAS ref identity " + R.compareAndSet(box, new String("set"), "x") + " " + R.compareAndSet(box, expected, "swapped") + " -> " + box.ref + " getAndSet " + (String) R.getAndSet(box, null) + " -> " + box.ref);
        System.out.println("volatile field " + V.compareAndSet(box, 0, 9) + " " + (int) V.getAndAdd(box, 1) + " " + box.vol);
        COUNTER.set(100L);
        System.out.println("static " + (long) COUNTER.getAndAdd(5L) + " " + (long) COUNTER.get() + " " + COUNTER.compareAndSet(105L, 0L) + " " + Box.counter);
        SREF.set("static ref");
        System.out.println("static ref " + SREF.get() + " " + SREF.getAndSet(Integer.valueOf(3)) + " " + Box.staticRef);
        System.out.println("varType " + I.varType() + " " + R.varType() + " coordinates " + I.coordinateTypes() + " " + COUNTER.coordinateTypes());
        System.out.println("accessModeType " + I.accessModeType(VarHandle.AccessMode.GET_AND_ADD) + " " + L.accessModeType(VarHandle.AccessMode.COMPARE_AND_SET));
        System.out.println("isAccessModeSupported " + R.isAccessModeSupported(VarHandle.AccessMode.GET_AND_ADD) + " " + I.isAccessModeSupported(VarHandle.AccessMode.GET_AND_ADD) + " " + Z.isAccessModeSupported(VarHandle.AccessMode.GET_AND_ADD));
        VarHandle FIN = lk.findVarHandle(Box.class, "fin", int.class);
        System.out.println("final field read " + (int) FIN.get(box) + " set supported " + FIN.isAccessModeSupported(VarHandle.AccessMode.SET));
        try {
            FIN.set(box, 6);
        } catch (UnsupportedOperationException e) {
            System.out.println("final set: " + e.getClass().getSimpleName());
        }
        try {
            R.getAndAdd(box, "x");
        } catch (UnsupportedOperationException e) {
            System.out.println("getAndAdd on reference: " + e.getClass().getSimpleName());
        }
        try {
            I.get((Box) null);
        } catch (NullPointerException e) {
            System.out.println("null receiver NPE");
        }
        try {
            lk.findVarHandle(Box.class, "i", long.class);
        } catch (NoSuchFieldException e) {
            System.out.println("wrong type: " + e.getMessage());
        }
        VarHandle.fullFence();
        VarHandle.acquireFence();
        VarHandle.releaseFence();
        VarHandle.loadLoadFence();
        VarHandle.storeStoreFence();
        System.out.println("fences ok");
        MethodHandle getter = I.toMethodHandle(VarHandle.AccessMode.GET);
        System.out.println("toMethodHandle " + getter.type() + " " + (int) getter.invokeExact(box));
    }
}
