/** Throughput: nested loops over int arrays (a matrix product). Argument: matrix size. */
public class ArrayLoops {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        // The computation's own time goes to stderr (`compute_ns N`) for the harness.
        long start = System.nanoTime();
        int[][] a = new int[n][n];
        int[][] b = new int[n][n];
        int[][] c = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = (i * 31 + j) % 17;
                b[i][j] = (i + j * 7) % 13;
            }
        }
        for (int i = 0; i < n; i++) {
            int[] ai = a[i];
            int[] ci = c[i];
            for (int k = 0; k < n; k++) {
                int aik = ai[k];
                int[] bk = b[k];
                for (int j = 0; j < n; j++) {
                    ci[j] += aik * bk[j];
                }
            }
        }
        long sum = 0;
        for (int[] row : c) {
            for (int v : row) {
                sum += v;
            }
        }
        System.err.println("compute_ns " + (System.nanoTime() - start));
        System.out.println("checksum " + sum);
    }
}
