public class Main {
    static int solutions = 0;
    static int[] first = null;

    static void solve(int n, int row, int[] cols, boolean[] used, boolean[] d1, boolean[] d2) {
        if (row == n) {
            solutions++;
            if (first == null) first = cols.clone();
            return;
        }
        for (int c = 0; c < n; c++) {
            if (used[c] || d1[row + c] || d2[row - c + n - 1]) continue;
            used[c] = d1[row + c] = d2[row - c + n - 1] = true;
            cols[row] = c;
            solve(n, row + 1, cols, used, d1, d2);
            used[c] = d1[row + c] = d2[row - c + n - 1] = false;
        }
    }

    static int bitSolve(int n, int cols, int ld, int rd, int all) {
        if (cols == all) return 1;
        int count = 0;
        int avail = ~(cols | ld | rd) & all;
        while (avail != 0) {
            int bit = avail & -avail;
            avail -= bit;
            count += bitSolve(n, cols | bit, (ld | bit) << 1, (rd | bit) >> 1, all);
        }
        return count;
    }

    public static void main(String[] args) {
        for (int n = 1; n <= 9; n++) {
            solutions = 0;
            first = null;
            solve(n, 0, new int[n], new boolean[n], new boolean[2 * n], new boolean[2 * n]);
            System.out.println(n + "-queens: " + solutions + " solutions, bitmask count " + bitSolve(n, 0, 0, 0, (1 << n) - 1));
            if (n == 8) {
                for (int r = 0; r < n; r++) {
                    StringBuilder sb = new StringBuilder();
                    for (int c = 0; c < n; c++) sb.append(first[r] == c ? 'Q' : '.');
                    System.out.println("  " + sb);
                }
            }
        }
    }
}
