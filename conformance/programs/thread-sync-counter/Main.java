public class Main {
    private int counter = 0;
    private static long staticCounter = 0;
    private final Object lock = new Object();
    private long blockCounter = 0;

    synchronized void inc() { counter++; }
    static synchronized void incStatic() { staticCounter++; }
    void incBlock() { synchronized (lock) { blockCounter += 2; } }

    public static void main(String[] args) throws InterruptedException {
        final Main m = new Main();
        Runnable work = new Runnable() {
            public void run() {
                for (int i = 0; i < 20000; i++) {
                    m.inc();
                    incStatic();
                    m.incBlock();
                }
            }
        };
        Thread a = new Thread(work, "A");
        Thread b = new Thread(work, "B");
        a.start();
        b.start();
        a.join();
        b.join();
        System.out.println("counter=" + m.counter + " static=" + staticCounter + " block=" + m.blockCounter);
        final java.util.List<Integer> shared = new java.util.ArrayList<Integer>();
        Thread[] ts = new Thread[3];
        for (int t = 0; t < ts.length; t++) {
            final int base = t * 1000;
            ts[t] = new Thread() {
                public void run() {
                    for (int i = 0; i < 500; i++) {
                        synchronized (shared) { shared.add(base + i); }
                    }
                }
            };
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        java.util.Collections.sort(shared);
        long sum = 0;
        for (int v : shared) sum += v;
        System.out.println("shared size=" + shared.size() + " sum=" + sum + " first=" + shared.get(0) + " last=" + shared.get(shared.size() - 1));
        Object mon = new Object();
        synchronized (mon) {
            synchronized (mon) {
                System.out.println("reentrant holdsLock=" + Thread.holdsLock(mon));
            }
        }
        System.out.println("after holdsLock=" + Thread.holdsLock(mon));
    }
}
