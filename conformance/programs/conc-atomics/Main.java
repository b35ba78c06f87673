import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

public class Main {
    public static void main(String[] args) throws InterruptedException {
        AtomicInteger ai = new AtomicInteger(5);
        System.out.println("incrementAndGet " + ai.incrementAndGet() + " getAndIncrement " + ai.getAndIncrement() + " now " + ai.get());
        System.out.println("addAndGet " + ai.addAndGet(10) + " CAS " + ai.compareAndSet(17, 0) + " CAS " + ai.compareAndSet(99, 1) + " now " + ai);
        System.out.println("updateAndGet " + ai.updateAndGet(x -> x * 2 + 1) + " getAndUpdate " + ai.getAndUpdate(x -> x - 1) + " accumulateAndGet " + ai.accumulateAndGet(10, Math::max));
        AtomicLong al = new AtomicLong(Long.MAX_VALUE - 1);
        System.out.println("long " + al.incrementAndGet() + " " + al.incrementAndGet() + " decrement " + al.decrementAndGet());
        AtomicReference<String> ref = new AtomicReference<>("a");
        System.out.println("ref CAS " + ref.compareAndSet("a", "b") + " " + ref.get() + " getAndSet " + ref.getAndSet("c") + " updateAndGet " + ref.updateAndGet(s -> s + s));
        AtomicIntegerArray arr = new AtomicIntegerArray(5);
        AtomicInteger counter = new AtomicInteger();
        AtomicLong sum = new AtomicLong();
        LongAdder adder = new LongAdder();
        Thread[] ts = new Thread[4];
        for (int t = 0; t < ts.length; t++) {
            int id = t;
            ts[t] = new Thread(() -> {
                for (int i = 0; i < 10000; i++) {
                    counter.incrementAndGet();
                    sum.addAndGet(i);
                    arr.incrementAndGet(i % 5);
                    adder.increment();
                }
                arr.addAndGet(id, 1000);
            });
        }
        for (Thread t : ts) t.start();
        for (Thread t : ts) t.join();
        System.out.println("counter " + counter.get() + " sum " + sum.get() + " arr " + arr + " adder " + adder.sum());
        AtomicReference<int[]> box = new AtomicReference<>(new int[] {1});
        int[] old = box.getAndUpdate(a -> new int[] {a[0] + 1, 9});
        System.out.println("array ref old " + old.length + " new " + java.util.Arrays.toString(box.get()));
        java.util.concurrent.atomic.AtomicBoolean flag = new java.util.concurrent.atomic.AtomicBoolean();
        System.out.println("AtomicBoolean " + flag.getAndSet(true) + " " + flag.get() + " CAS " + flag.compareAndSet(false, true));
        System.out.println("intValue " + ai.intValue() + " longValue " + al.longValue() + " toString " + al);
    }
}
