/** Throughput: a boolean-array sieve of Eratosthenes, repeated. Arguments: limit, rounds. */
public class Sieve {
    static int sieve(int limit) {
        boolean[] composite = new boolean[limit + 1];
        int primes = 0;
        for (int i = 2; i <= limit; i++) {
            if (!composite[i]) {
                primes++;
                for (long j = (long) i * i; j <= limit; j += i) {
                    composite[(int) j] = true;
                }
            }
        }
        return primes;
    }

    public static void main(String[] args) {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        // The computation's own time goes to stderr (`compute_ns N`) for the harness.
        long start = System.nanoTime();
        int primes = 0;
        for (int r = 0; r < rounds; r++) {
            primes = sieve(limit);
        }
        System.err.println("compute_ns " + (System.nanoTime() - start));
        System.out.println("primes up to " + limit + ": " + primes);
    }
}
