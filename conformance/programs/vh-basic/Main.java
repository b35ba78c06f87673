import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

public class Main {
    volatile int count;
    long total;
    String label = "init";

    static final VarHandle COUNT;
    static final VarHandle TOTAL;
    static final VarHandle LABEL;
    static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            COUNT = l.findVarHandle(Main.class, "count", int.class);
            TOTAL = l.findVarHandle(Main.class, "total", long.class);
            LABEL = l.findVarHandle(Main.class, "label", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Main m = new Main();
        System.out.println("CAS 0->5 " + COUNT.compareAndSet(m, 0, 5) + " CAS 0->6 " + COUNT.compareAndSet(m, 0, 6) + " now " + (int) COUNT.get(m));
        System.out.println("getAndAdd " + (int) COUNT.getAndAdd(m, 10) + " now " + m.count);
        System.out.println("getAndSet " + (int) COUNT.getAndSet(m, 100) + " now " + m.count);
        System.out.println("compareAndExchange " + (int) COUNT.compareAndExchange(m, 100, 7) + " now " + m.count);
        COUNT.setVolatile(m, 1);
        System.out.println("getVolatile " + (int) COUNT.getVolatile(m) + " getAcquire " + (int) COUNT.getAcquire(m));
        TOTAL.set(m, Long.MAX_VALUE);
        System.out.println("long getAndAdd overflow " + (long) TOTAL.getAndAdd(m, 1L) + " -> " + m.total);
        System.out.println("ref CAS " + LABEL.compareAndSet(m, "init", "next") + " label " + m.label + " weak CAS " + LABEL.weakCompareAndSetPlain(m, "other", "x"));
        System.out.println("getAndBitwiseOr " + (int) COUNT.getAndBitwiseOr(m, 6) + " now " + m.count + " getAndBitwiseXor " + (int) COUNT.getAndBitwiseXor(m, 0xff) + " now " + m.count);
        int[] arr = new int[4];
        INTS.set(arr, 2, 40);
        System.out.println("array CAS " + INTS.compareAndSet(arr, 2, 40, 41) + " getAndAdd " + (int) INTS.getAndAdd(arr, 2, 1) + " arr " + java.util.Arrays.toString(arr));
        long[] longs = new long[2];
        Thread[] ts = new Thread[4];
        Main shared = new Main();
        for (int t = 0; t < ts.length; t++) {
            ts[t] = new Thread(() -> {
                for (int i = 0; i < 25000; i++) {
                    COUNT.getAndAdd(shared, 1);
                    LONGS.getAndAdd(longs, i % 2, 2L);
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        System.out.println("concurrent count " + shared.count + " longs " + java.util.Arrays.toString(longs));
        try {
            INTS.get(arr, 10);
        } catch (IndexOutOfBoundsException e) {
            System.out.println("array VH out of bounds: " + e.getMessage());
        }
        try {
            COUNT.set(m, "wrong type");
        } catch (java.lang.invoke.WrongMethodTypeException e) {
            System.out.println("wrong type: " + e.getMessage());
        }
        System.out.println("varType " + COUNT.varType() + " coordinates " + COUNT.coordinateTypes() + " array coordinates " + INTS.coordinateTypes());
    }
}
