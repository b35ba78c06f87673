import java.lang.invoke.*;
import java.nio.ByteOrder;
import java.util.Arrays;

public class Main {
    public static void main(String[] args) {
        VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
        VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
        VarHandle DOUBLES = MethodHandles.arrayElementVarHandle(double[].class);
        VarHandle BYTES = MethodHandles.arrayElementVarHandle(byte[].class);
        VarHandle CHARS = MethodHandles.arrayElementVarHandle(char[].class);
        VarHandle BOOLS = MethodHandles.arrayElementVarHandle(boolean[].class);
        VarHandle STRS = MethodHandles.arrayElementVarHandle(String[].class);
        VarHandle OBJS = MethodHandles.arrayElementVarHandle(Object[].class);
        int[] ints = new int[5];
        for (int i = 0; i < ints.length; i++) INTS.set(ints, i, i * i);
        System.out.println("ints " + Arrays.toString(ints) + " get " + (int) INTS.get(ints, 3) + " volatile " + (int) INTS.getVolatile(ints, 4));
        System.out.println("ints CAS " + INTS.compareAndSet(ints, 2, 4, 40) + " " + INTS.compareAndSet(ints, 2, 4, 41) + " getAndAdd " + (int) INTS.getAndAdd(ints, 0, 7) + " getAndSet " + (int) INTS.getAndSet(ints, 1, -1) + " " + Arrays.toString(ints));
        System.out.println("ints CAE " + (int) INTS.compareAndExchange(ints, 3, 9, 90) + " bitwise " + (int) INTS.getAndBitwiseOr(ints, 4, 1) + " " + Arrays.toString(ints));
        long[] longs = {Long.MAX_VALUE, 0, -5};
        System.out.println("longs getAndAdd overflow " + (long) LONGS.getAndAdd(longs, 0, 1L) + " -> " + longs[0] + " CAS " + LONGS.compareAndSet(longs, 2, -5L, 5L) + " " + Arrays.toString(longs));
        double[] doubles = {0.5, Double.NaN};
        System.out.println("doubles " + (double) DOUBLES.getAndAdd(doubles, 0, 0.25) + " " + DOUBLES.compareAndSet(doubles, 1, Double.NaN, 1.0) + " " + Arrays.toString(doubles));
        byte[] bytes = new byte[4];
        BYTES.set(bytes, 0, (byte) 127);
        System.out.println("bytes getAndAdd wraps " + (byte) BYTES.getAndAdd(bytes, 0, (byte) 1) + " -> " + bytes[0]);
        char[] chars = "abc".toCharArray();
        CHARS.set(chars, 1, 'X');
        System.out.println("chars " + new String(chars) + " " + (char) CHARS.getAndSet(chars, 2, 'Z') + " " + new String(chars));
        boolean[] bools = new boolean[2];
        System.out.println("bools " + BOOLS.compareAndSet(bools, 1, false, true) + " " + Arrays.toString(bools) + " " + (boolean) BOOLS.getAndBitwiseAnd(bools, 1, false) + " " + Arrays.toString(bools));
        String[] strs = {"a", "b", null};
        String b = strs[1];
        System.out.println("strings CAS " + STRS.compareAndSet(strs, 1, b, "B") + " " + STRS.compareAndSet(strs, 2, null, "C") + " " + Arrays.toString(strs) + " getAndSet " + STRS.getAndSet(strs, 0, "A") + " " + Arrays.toString(strs));
        Object[] objs = new Integer[2];
        try {
            OBJS.set(objs, 0, "not an Integer");
        } catch (ArrayStoreException e) {
            System.out.println("ArrayStoreException " + e.getMessage());
        }
        try {
            INTS.get(ints, 5);
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println("AIOOBE " + e.getMessage());
        }
        try {
            INTS.set(ints, -1, 0);
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println("AIOOBE " + e.getMessage());
        }
        try {
            INTS.get((int[]) null, 0);
        } catch (NullPointerException e) {
            System.out.println("null array NPE");
        }
        System.out.println("types " + INTS.varType() + " " + INTS.coordinateTypes() + " " + STRS.varType());
        VarHandle LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
        VarHandle BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
        VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
        VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
        byte[] buf = new byte[16];
        LE.set(buf, 0, 0x01020304);
        BE.set(buf, 4, 0x01020304);
        LONG_BE.set(buf, 8, 0x1122334455667788L);
        System.out.println("byte view " + Arrays.toString(buf));
        System.out.println("read back " + Integer.toHexString((int) LE.get(buf, 4)) + " " + Integer.toHexString((int) BE.get(buf, 0)) + " " + Long.toHexString((long) LONG_BE.get(buf, 8)) + " " + (short) SHORT_LE.get(buf, 9));
        System.out.println("unaligned " + Integer.toHexString((int) LE.get(buf, 1)));
        try {
            LE.compareAndSet(buf, 1, 0, 1);
        } catch (IllegalStateException e) {
            System.out.println("misaligned CAS: " + e.getMessage());
        }
        try {
            LE.get(buf, 13);
        } catch (IndexOutOfBoundsException e) {
            System.out.println("view out of bounds: " + e.getClass().getSimpleName());
        }
        int[] counters = new int[3];
        for (int k = 0; k < 100; k++) INTS.getAndAdd(counters, k % 3, k);
        System.out.println("accumulated " + Arrays.toString(counters));
    }
}
