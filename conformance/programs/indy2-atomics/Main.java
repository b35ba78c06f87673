import java.util.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;

public class Main {
    static class Node {
        volatile int hits;
        volatile long bytes;
        volatile String state = "new";
    }

    public static void main(String[] args) {
        AtomicInteger ai = new AtomicInteger(5);
        System.out.println("AtomicInteger " + ai.get() + " " + ai.incrementAndGet() + " " + ai.getAndIncrement() + " " + ai.decrementAndGet() + " " + ai.getAndDecrement() + " " + ai.addAndGet(10) + " " + ai.getAndAdd(-3) + " " + ai);
        System.out.println("updateAndGet " + ai.updateAndGet(x -> x * 2) + " getAndUpdate " + ai.getAndUpdate(x -> x - 1) + " accumulateAndGet " + ai.accumulateAndGet(7, Math::max) + " getAndAccumulate " + ai.getAndAccumulate(3, (a, b) -> a * b) + " -> " + ai.get());
        System.out.println("CAS " + ai.compareAndSet(69, 0) + " " + ai.compareAndSet(1, 2) + " " + ai.get() + " getAndSet " + ai.getAndSet(Integer.MAX_VALUE) + " overflow " + ai.incrementAndGet());
        System.out.println("CAE " + ai.compareAndExchange(Integer.MIN_VALUE, 7) + " weak " + ai.weakCompareAndSetPlain(7, 8) + " " + ai.intValue() + " " + ai.longValue() + " " + ai.doubleValue());
        AtomicLong al = new AtomicLong(Long.MAX_VALUE - 1);
        System.out.println("AtomicLong " + al.incrementAndGet() + " " + al.incrementAndGet() + " " + al.updateAndGet(x -> x / 2) + " " + al.accumulateAndGet(3, Long::sum) + " " + al.compareAndSet(0, 1) + " " + al);
        AtomicBoolean ab = new AtomicBoolean();
        System.out.println("AtomicBoolean " + ab.get() + " " + ab.compareAndSet(false, true) + " " + ab.getAndSet(false) + " " + ab + " " + ab.compareAndExchange(false, true) + " " + ab.get());
        AtomicReference<String> ar = new AtomicReference<>("a");
        System.out.println("AtomicReference " + ar.get() + " " + ar.updateAndGet(s -> s + "b") + " " + ar.getAndUpdate(s -> s.toUpperCase()) + " " + ar.accumulateAndGet("!", String::concat) + " " + ar);
        String cur = ar.get();
        System.out.println("ref CAS identity " + ar.compareAndSet(new String(cur), "x") + " " + ar.compareAndSet(cur, "y") + " " + ar.get() + " getAndSet " + ar.getAndSet(null) + " " + ar.get());
        AtomicReference<List<Integer>> listRef = new AtomicReference<>(List.of());
        for (int i = 0; i < 5; i++) {
            int v = i;
            listRef.updateAndGet(l -> { List<Integer> n = new ArrayList<>(l); n.add(v * v); return List.copyOf(n); });
        }
        System.out.println("immutable list ref " + listRef.get());
        AtomicIntegerArray aia = new AtomicIntegerArray(4);
        for (int i = 0; i < 20; i++) aia.addAndGet(i % 4, i);
        System.out.println("AtomicIntegerArray " + aia + " " + aia.length() + " " + aia.getAndIncrement(0) + " " + aia.compareAndSet(1, 45, -1) + " " + aia + " " + aia.updateAndGet(2, x -> x << 1));
        AtomicLongArray ala = new AtomicLongArray(new long[] {1, 2, 3});
        System.out.println("AtomicLongArray " + ala.accumulateAndGet(2, 10, (a, b) -> a * b) + " " + ala);
        AtomicReferenceArray<String> ara = new AtomicReferenceArray<>(new String[] {"p", "q"});
        System.out.println("AtomicReferenceArray " + ara.getAndSet(0, "P") + " " + ara.updateAndGet(1, s -> s + s) + " " + ara);
        LongAdder adder = new LongAdder();
        for (int i = 1; i <= 100; i++) adder.add(i);
        adder.increment();
        adder.decrement();
        System.out.println("LongAdder " + adder.sum() + " " + adder + " " + adder.intValue() + " sumThenReset " + adder.sumThenReset() + " " + adder.sum());
        DoubleAdder dadd = new DoubleAdder();
        dadd.add(0.5);
        dadd.add(0.25);
        System.out.println("DoubleAdder " + dadd.sum() + " " + dadd);
        LongAccumulator maxAcc = new LongAccumulator(Long::max, Long.MIN_VALUE);
        for (long v : new long[] {3, -9, 42, 7}) maxAcc.accumulate(v);
        LongAccumulator prod = new LongAccumulator((a, b) -> a * b, 1);
        for (int i = 1; i <= 10; i++) prod.accumulate(i);
        System.out.println("LongAccumulator max " + maxAcc.get() + " product " + prod.get() + " " + prod + " reset " + prod.getThenReset() + " " + prod.get());
        DoubleAccumulator dacc = new DoubleAccumulator(Double::sum, 0.0);
        dacc.accumulate(1e-5);
        dacc.accumulate(2);
        System.out.println("DoubleAccumulator " + dacc.get());
        AtomicIntegerFieldUpdater<Node> hits = AtomicIntegerFieldUpdater.newUpdater(Node.class, "hits");
        AtomicLongFieldUpdater<Node> bytes = AtomicLongFieldUpdater.newUpdater(Node.class, "bytes");
        AtomicReferenceFieldUpdater<Node, String> state = AtomicReferenceFieldUpdater.newUpdater(Node.class, String.class, "state");
        Node n = new Node();
        for (int i = 0; i < 10; i++) hits.incrementAndGet(n);
        bytes.addAndGet(n, 1L << 40);
        System.out.println("field updaters " + hits.get(n) + " " + n.hits + " " + bytes.getAndAdd(n, 1) + " " + n.bytes + " " + state.compareAndSet(n, "new", "running") + " " + state.getAndUpdate(n, s -> s + "!") + " " + n.state);
        try {
            AtomicIntegerFieldUpdater.newUpdater(Node.class, "missing");
        } catch (RuntimeException e) {
            System.out.println("missing field: " + e.getClass().getSimpleName() + " cause " + e.getCause().getClass().getSimpleName());
        }
        AtomicStampedReference<String> stamped = new AtomicStampedReference<>("v1", 0);
        int[] holder = new int[1];
        String v = stamped.get(holder);
        System.out.println("stamped " + v + " " + holder[0] + " " + stamped.compareAndSet(v, "v2", 0, 1) + " " + stamped.compareAndSet("v2", "v3", 0, 2) + " " + stamped.getReference() + " " + stamped.getStamp());
        AtomicMarkableReference<String> marked = new AtomicMarkableReference<>("m", false);
        System.out.println("markable " + marked.attemptMark("m", true) + " " + marked.isMarked() + " " + marked.getReference());
        IntSupplier ticket = new AtomicInteger(100)::getAndIncrement;
        System.out.println("ticket supplier " + ticket.getAsInt() + " " + ticket.getAsInt() + " " + ticket.getAsInt());
        AtomicLong shared = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> { for (int i = 0; i < 1000; i++) shared.incrementAndGet(); });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            try { th.join(); } catch (InterruptedException e) { throw new RuntimeException(e); }
        }
        System.out.println("threads total " + shared.get());
    }
}
