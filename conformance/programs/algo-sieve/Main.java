public class Main {
    public static void main(String[] args) {
        int limit = 10000;
        boolean[] composite = new boolean[limit + 1];
        for (int i = 2; (long) i * i <= limit; i++) {
            if (!composite[i]) for (int j = i * i; j <= limit; j += i) composite[j] = true;
        }
        int count = 0;
        long sum = 0;
        int last = 0;
        StringBuilder firsts = new StringBuilder();
        int maxGap = 0, gapAt = 0, prev = 2;
        int twins = 0;
        for (int i = 2; i <= limit; i++) {
            if (composite[i]) continue;
            count++;
            sum += i;
            if (count <= 25) firsts.append(i).append(' ');
            if (i - prev > maxGap) { maxGap = i - prev; gapAt = prev; }
            if (i - prev == 2) twins++;
            prev = i;
            last = i;
        }
        System.out.println("primes <= " + limit + ": " + count);
        System.out.println("sum " + sum + " last " + last);
        System.out.println("first 25: " + firsts.toString().trim());
        System.out.println("max gap " + maxGap + " after " + gapAt + " twin pairs " + twins);
        java.util.BitSet bs = new java.util.BitSet(limit + 1);
        bs.set(2, limit + 1);
        for (int i = 2; i * i <= limit; i++) if (bs.get(i)) for (int j = i * i; j <= limit; j += i) bs.clear(j);
        System.out.println("BitSet cardinality " + bs.cardinality() + " nextSetBit(9000) " + bs.nextSetBit(9000) + " previousSetBit(10000) " + bs.previousSetBit(10000));
        int n = 9699690;
        StringBuilder f = new StringBuilder();
        for (int p = 2; p <= n; p++) {
            while (n % p == 0) { f.append(p).append('*'); n /= p; }
        }
        System.out.println("factors of 9699690: " + f.substring(0, f.length() - 1));
        long[] goldbach = new long[3];
        int[] evens = {100, 1000, 9998};
        for (int k = 0; k < evens.length; k++) {
            int e = evens[k];
            for (int a = 2; a <= e / 2; a++) if (!composite[a] && !composite[e - a]) goldbach[k]++;
            System.out.println("goldbach partitions of " + e + ": " + goldbach[k]);
        }
    }
}
