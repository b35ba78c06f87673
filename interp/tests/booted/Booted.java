import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Fixtures run on a VM that booted java.base (compiled by plain javac: invokedynamic). */
public class Booted {
    record Point(int x, double y, String name) {}

    int count;
    static final VarHandle COUNT;
    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(Booted.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static String concat() {
        int i = -7; long l = Long.MIN_VALUE; char c = 'q'; boolean b = true; double d = 0.1 + 0.2;
        float f = 1e-5f; Object o = null; String s = "s";
        return "i=" + i + " l=" + l + " c=" + c + " b=" + b + " d=" + d + " f=" + f + " o=" + o + " s=" + s;
    }

    public static String streams() {
        List<Integer> xs = List.of(5, 3, 8, 1, 4);
        Map<Boolean, List<Integer>> parts = xs.stream().collect(Collectors.partitioningBy(x -> x % 2 == 0));
        String sorted = xs.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        int sum = IntStream.rangeClosed(1, 100).sum();
        return parts + " " + sorted + " " + sum;
    }

    public static String records() {
        Point p = new Point(1, 2.5, "a");
        return p + " " + p.equals(new Point(1, 2.5, "a")) + " " + (p.hashCode() == new Point(1, 2.5, "a").hashCode());
    }

    public static String threads() throws InterruptedException {
        final Object lock = new Object();
        final int[] total = {0};
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread w = new Thread(() -> {
                for (int k = 0; k < 1000; k++) {
                    synchronized (lock) { total[0]++; }
                    if (k % 100 == 0) Thread.yield();
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) w.join();
        AtomicReference<String> reply = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            synchronized (lock) {
                while (reply.get() == null) {
                    try { lock.wait(); } catch (InterruptedException e) { return; }
                }
            }
        });
        waiter.start();
        Thread.sleep(5);
        synchronized (lock) { reply.set("done"); lock.notifyAll(); }
        waiter.join();
        return total[0] + " " + reply.get() + " " + waiter.isAlive();
    }

    public static String handles() throws Throwable {
        MethodHandle max = MethodHandles.lookup().findStatic(Math.class, "max", MethodType.methodType(int.class, int.class, int.class));
        int m = (int) max.invokeExact(3, 9);
        Booted b = new Booted();
        boolean swapped = COUNT.compareAndSet(b, 0, 5);
        int added = (int) COUNT.getAndAdd(b, 2);
        return m + " " + swapped + " " + added + " " + b.count;
    }

    public static String trace() {
        StringWriter out = new StringWriter();
        try {
            Integer.parseInt("x1");
        } catch (NumberFormatException e) {
            e.printStackTrace(new PrintWriter(out));
        }
        return out.toString();
    }

    public static String loaders() throws Exception {
        Class<?> c = Class.forName("Booted");
        TreeMap<String, String> m = new TreeMap<>();
        m.put("loader", c.getClassLoader().getName());
        m.put("module", String.valueOf(c.getModule().isNamed()));
        m.put("string", String.valueOf(String.class.getModule().getName()));
        return m.toString();
    }
}
