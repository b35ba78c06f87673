public class Main {
    static volatile boolean go;
    static volatile int seen;
    public static void main(String[] a) throws Exception {
        Thread t = new Thread(() -> { while (!go) { } seen = 1; });
        t.start();
        long sum = 0;
        for (int i = 0; i < 3_000_000; i++) sum += i;   // main spins too, without blocking
        go = true;
        t.join();
        Thread u = new Thread(() -> { go = false; });
        u.start();
        while (go) { }   // main spins until the other thread runs
        System.out.println("done " + sum + " " + seen);
    }
}
