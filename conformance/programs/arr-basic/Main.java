public class Main {
    static String show(int[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(a[i]);
        }
        return sb.append(']').toString();
    }

    public static void main(String[] args) {
        int[] a = new int[5];
        for (int i = 0; i < a.length; i++) a[i] = i * i;
        System.out.println("a=" + show(a) + " length=" + a.length);
        int[] c = a.clone();
        c[0] = 99;
        System.out.println("clone changed: a[0]=" + a[0] + " c[0]=" + c[0] + " same=" + (a == c));
        int[][] grid = new int[3][4];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) grid[i][j] = i * 10 + j;
        for (int[] row : grid) System.out.println(show(row));
        int[][][] cube = new int[2][3][2];
        cube[1][2][1] = 7;
        System.out.println("cube dims " + cube.length + " " + cube[0].length + " " + cube[0][0].length + " val " + cube[1][2][1]);
        int[][] jag = new int[3][];
        for (int i = 0; i < jag.length; i++) {
            jag[i] = new int[i + 1];
            for (int j = 0; j <= i; j++) jag[i][j] = i + j;
        }
        for (int[] row : jag) System.out.println("jag " + show(row));
        long[] longs = {1L, Long.MAX_VALUE};
        double[] ds = new double[2];
        boolean[] bs = new boolean[2];
        char[] cs = new char[2];
        String[] ss = new String[2];
        System.out.println("defaults " + ds[0] + " " + bs[1] + " " + (int) cs[0] + " " + ss[0] + " " + longs[1]);
        int[] src = {1, 2, 3, 4, 5, 6, 7, 8};
        int[] dst = new int[10];
        System.arraycopy(src, 2, dst, 1, 5);
        System.out.println("arraycopy " + show(dst));
        System.arraycopy(src, 0, src, 2, 6);
        System.out.println("overlap " + show(src));
        java.util.Arrays.fill(dst, 3, 7, -1);
        System.out.println("fill " + show(dst));
        int[][] cl = grid.clone();
        cl[0][0] = -5;
        System.out.println("shallow clone shares rows: grid[0][0]=" + grid[0][0]);
        Object o = grid;
        System.out.println("int[][] instanceof Object[]: " + (o instanceof Object[]) + " class " + o.getClass().getName() + " " + a.getClass().getName() + " " + new String[0].getClass().getName() + " " + longs.getClass().getSimpleName());
        try {
            Object[] objs = new String[1];
            objs[0] = Integer.valueOf(1);
        } catch (ArrayStoreException e) {
            System.out.println("ArrayStoreException: " + e.getMessage());
        }
        try {
            int[] neg = new int[-1];
        } catch (NegativeArraySizeException e) {
            System.out.println("NegativeArraySizeException: " + e.getMessage());
        }
        try {
            System.arraycopy(src, 5, dst, 0, 10);
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println("arraycopy AIOOBE: " + e.getMessage());
        }
        System.out.println("equals " + java.util.Arrays.equals(a, a.clone()) + " deepToString " + java.util.Arrays.deepToString(jag));
        byte[] bytes = new byte[4];
        bytes[0] = (byte) 255;
        bytes[3] += 130;
        System.out.println("bytes " + java.util.Arrays.toString(bytes));
    }
}
