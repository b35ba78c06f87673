/** Throughput: recursive calls and int arithmetic. Argument: n. */
public class Fib {
    static int fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        // The computation's own time goes to stderr (`compute_ns N`) for the harness.
        long start = System.nanoTime();
        int result = fib(n);
        System.err.println("compute_ns " + (System.nanoTime() - start));
        System.out.println("fib(" + n + ") = " + result);
    }
}
