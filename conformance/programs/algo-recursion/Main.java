public class Main {
    static long calls = 0;

    static int ackermann(int m, int n) {
        calls++;
        if (m == 0) return n + 1;
        if (n == 0) return ackermann(m - 1, 1);
        return ackermann(m - 1, ackermann(m, n - 1));
    }

    static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

    static long memo[] = new long[91];
    static long fibMemo(int n) {
        if (n < 2) return n;
        if (memo[n] != 0) return memo[n];
        return memo[n] = fibMemo(n - 1) + fibMemo(n - 2);
    }

    static void hanoi(int n, char from, char to, char via, StringBuilder out, int[] moves) {
        if (n == 0) return;
        hanoi(n - 1, from, via, to, out, moves);
        moves[0]++;
        if (n >= 3) out.append(n).append(':').append(from).append(to).append(' ');
        hanoi(n - 1, via, to, from, out, moves);
    }

    static void permute(String prefix, String rest, java.util.List<String> out) {
        if (rest.isEmpty()) { out.add(prefix); return; }
        for (int i = 0; i < rest.length(); i++) permute(prefix + rest.charAt(i), rest.substring(0, i) + rest.substring(i + 1), out);
    }

    static int depth(int n) { return n == 0 ? 0 : 1 + depth(n - 1); }

    static long gcd(long a, long b) { return b == 0 ? a : gcd(b, a % b); }

    static boolean isEven(int n) { return n == 0 || isOdd(n - 1); }
    static boolean isOdd(int n) { return n != 0 && isEven(n - 1); }

    public static void main(String[] args) {
        for (int m = 0; m <= 3; m++) {
            for (int n = 0; n <= 3; n++) {
                calls = 0;
                int r = ackermann(m, n);
                System.out.println("A(" + m + "," + n + ")=" + r + " calls=" + calls);
            }
        }
        System.out.println("fib(25)=" + fib(25));
        System.out.println("fibMemo(90)=" + fibMemo(90));
        StringBuilder sb = new StringBuilder();
        int[] moves = new int[1];
        hanoi(6, 'A', 'C', 'B', sb, moves);
        System.out.println("hanoi(6) moves=" + moves[0] + " big moves: " + sb.toString().trim());
        java.util.List<String> perms = new java.util.ArrayList<String>();
        permute("", "abcd", perms);
        System.out.println("perms " + perms.size() + " " + perms);
        System.out.println("depth(5000)=" + depth(5000));
        System.out.println("gcd " + gcd(1071, 462) + " " + gcd(Long.MAX_VALUE, 3) + " even(101)=" + isEven(101) + " odd(101)=" + isOdd(101));
        try {
            depth(100000000);
        } catch (StackOverflowError e) {
            System.out.println("StackOverflowError caught, message " + e.getMessage());
        }
    }
}
