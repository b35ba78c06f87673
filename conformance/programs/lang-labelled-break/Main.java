public class Main {
    public static void main(String[] args) {
        int[][] grid = {{1, 2, 3, 4}, {5, -6, 7, 8}, {9, 10, 0, 12}, {13, 14, 15, 16}};
        int found = -1;
        search:
        for (int i = 0; i < grid.length; i++) {
            for (int j = 0; j < grid[i].length; j++) {
                if (grid[i][j] == 0) {
                    found = i * 10 + j;
                    break search;
                }
            }
        }
        System.out.println("zero at " + found);
        int sum = 0;
        rows:
        for (int[] row : grid) {
            for (int v : row) {
                if (v < 0) continue rows;
                if (v == 0) break;
                sum += v;
            }
            sum += 1000;
        }
        System.out.println("sum " + sum);
        int count = 0;
        outer:
        while (true) {
            inner:
            do {
                count++;
                if (count % 3 == 0) continue outer;
                if (count > 10) break outer;
                if (count % 2 == 0) break inner;
            } while (count < 100);
            count += 100;
        }
        System.out.println("count " + count);
        StringBuilder sb = new StringBuilder();
        block:
        {
            sb.append("a");
            if (sb.length() > 0) break block;
            sb.append("unreached");
        }
        sb.append("b");
        System.out.println("block " + sb);
        int primes = 0;
        next:
        for (int n = 2; n < 100; n++) {
            for (int d = 2; d * d <= n; d++) if (n % d == 0) continue next;
            primes++;
        }
        System.out.println("primes below 100: " + primes);
        int x = 0;
        for (int i = 0, j = 10; i < j; i++, j--) x += i * j;
        System.out.println("two-var for " + x);
        int k = 0;
        for (;;) { if (++k >= 7) break; }
        System.out.println("infinite for broke at " + k);
        int w = 100;
        do { w /= 3; } while (w > 1);
        System.out.println("do-while " + w);
        String res = "";
        loop:
        for (char c = 'a'; c <= 'z'; c++) {
            switch (c) {
                case 'c': continue loop;
                case 'f': break loop;
                default: res += c;
            }
        }
        System.out.println("switch in loop " + res);
    }
}
