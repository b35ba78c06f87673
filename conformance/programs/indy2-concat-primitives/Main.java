public class Main {
    static int counter = 0;

    static int next() { return ++counter; }

    public static void main(String[] args) {
        double[] doubles = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            1e-5, 1e-3, 1e-4, 0.001, 1e7, 1e6, 9999999.0, 10000000.0, 1e21, 1e22, 1e-300, Double.MIN_VALUE,
            Double.MAX_VALUE, Double.MIN_NORMAL, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 100.0, 123456789.125, -1.5e-10, Math.PI, Math.E};
        for (double d : doubles) {
            System.out.println("double [" + d + "] neg [" + -d + "] half [" + d / 2 + "]");
        }
        float[] floats = {0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-5f,
            1e-3f, 1e7f, 1e-45f, Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL, 0.1f, 1.0f / 3, 16777216f, 16777217f, 3.4e38f, 1.17549435E-38f};
        for (float f : floats) {
            System.out.println("float [" + f + "] as double [" + (double) f + "]");
        }
        long[] longs = {0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, 1L << 62, -(1L << 40)};
        for (long l : longs) {
            System.out.println("long " + l + " plus one " + (l + 1) + " hex " + Long.toHexString(l));
        }
        int[] ints = {0, -0, 7, -7, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 31, 65536, -1000000};
        for (int i : ints) {
            System.out.println("int " + i + "|" + (i >> 1) + "|" + (i >>> 1) + "|" + (char) ('a' + (i & 15)));
        }
        char[] chars = {'a', 'Z', '0', ' ', '\t', '\u00e9', '\u4e2d', '\uffff', '\u0000', '"', '\\'};
        for (char c : chars) {
            String s = "c[" + c + "] code " + (int) c + " plus1 " + (c + 1) + " concat1 " + c + 1;
            System.out.println(s.replace('\u0000', '@').replace('\t', '~') + " len " + s.length());
        }
        boolean t = true, f = false;
        System.out.println("bool " + t + f + (t & f) + (t | f) + (t ^ f) + !t);
        byte b1 = Byte.MIN_VALUE, b2 = Byte.MAX_VALUE, b3 = (byte) 0x80;
        short s1 = Short.MIN_VALUE, s2 = Short.MAX_VALUE, s3 = (short) 0xffff;
        System.out.println("bytes " + b1 + "," + b2 + "," + b3 + " shorts " + s1 + "," + s2 + "," + s3);
        String acc = "start";
        acc += 1;
        acc += 2L;
        acc += 3.0f;
        acc += 4.5;
        acc += 'c';
        acc += true;
        acc += (byte) 9;
        acc += (short) -9;
        acc += (Object) null;
        System.out.println(acc);
        System.out.println("order " + next() + next() + next() + " then " + counter);
        int x = 5;
        System.out.println("side effects " + x++ + " " + x + " " + ++x + " " + (x += 10) + " " + x);
        System.out.println(1 + 2 + "" + 1 + 2 + (1 + 2) + 'a' + 'b' + ('a' + 'b') + 1.0f + 2.0);
        System.out.println("" + Integer.MIN_VALUE / -1 + " " + Long.MIN_VALUE / -1 + " " + (-7 % 3) + " " + (-7.5 % 2));
        System.out.println("mixed widen " + (1 + 2L) + " " + (1 + 2.0f) + " " + (1L + 0.5) + " " + ('a' + 1L) + " " + (char) ('a' + 1));
        System.out.println("empty concat [" + "" + "" + "]");
        String only = "" + 42;
        String onlyC = "" + 'q';
        String onlyD = "" + -0.0;
        System.out.println(only + onlyC + onlyD + " " + only.length() + onlyC.length() + onlyD.length());
    }
}
