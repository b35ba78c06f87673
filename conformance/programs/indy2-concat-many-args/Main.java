public class Main {
    static String wide(long a, double b, long c, double d, int e, float f, char g, boolean h, byte i, short j, Object k, String l) {
        return a + "/" + b + "/" + c + "/" + d + "/" + e + "/" + f + "/" + g + "/" + h + "/" + i + "/" + j + "/" + k + "/" + l;
    }

    public static void main(String[] args) {
        int a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, i = 9, j = 10;
        long L = 1234567890123L;
        double D = 2.5;
        String s10 = "" + a + b + c + d + e + f + g + h + i + j;
        System.out.println(s10);
        String s50 = a + "," + b + "," + c + "," + d + "," + e + "," + f + "," + g + "," + h + "," + i + "," + j + ";"
            + L + "," + L + "," + L + "," + L + "," + L + "," + D + "," + D + "," + D + "," + D + "," + D + ";"
            + a + b + c + d + e + f + g + h + i + j + L + D + L + D + L + D + L + D + L + D;
        System.out.println(s50);
        // more than 200 argument slots: javac splits the concatenation into several sites
        String big = "" + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L
            + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L
            + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L
            + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L
            + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L + L
            + D + D + D + D + D + D + D + D + D + D + D + D + D + D + D + D + D + D + D + D
            + D + D + D + D + D + D + D + D + D + D + D + D + D + D + D + D + D + D + D + D
            + a + b + c + d + e + f + g + h + i + j + a + b + c + d + e + f + g + h + i + j
            + a + b + c + d + e + f + g + h + i + j + a + b + c + d + e + f + g + h + i + j
            + a + b + c + d + e + f + g + h + i + j + a + b + c + d + e + f + g + h + i + j
            + a + b + c + d + e + f + g + h + i + j + a + b + c + d + e + f + g + h + i + j
            + a + b + c + d + e + f + g + h + i + j + a + b + c + d + e + f + g + h + i + j
            + "end";
        System.out.println(big.length() + " " + big.hashCode() + " " + big.substring(0, 40) + " ... " + big.substring(big.length() - 40));
        StringBuilder expected = new StringBuilder();
        for (int k = 0; k < 100; k++) expected.append(L);
        for (int k = 0; k < 40; k++) expected.append(D);
        for (int k = 0; k < 10; k++) expected.append("12345678910");
        expected.append("end");
        System.out.println("matches builder " + big.equals(expected.toString()));
        String consts = "\u0001" + a + "\u0002" + b + "\u0001\u0002" + c;
        System.out.println("tag chars " + consts.length() + " " + (int) consts.charAt(0) + " " + (int) consts.charAt(2) + " " + consts.replace('\u0001', 'A').replace('\u0002', 'B'));
        System.out.println(wide(Long.MAX_VALUE, -0.0, Long.MIN_VALUE, Double.NaN, -1, 1.5f, 'w', false, (byte) 1, (short) 2, null, "last"));
        for (int n = 0; n < 3; n++) {
            System.out.println("loop " + n + ":" + wide(n, n / 2.0, -n, n * 1e10, n, n / 3.0f, (char) ('A' + n), n % 2 == 0, (byte) n, (short) n, n, "s" + n));
        }
        String[] parts = new String[5];
        for (int n = 0; n < parts.length; n++) parts[n] = "p" + n + (n > 2 ? "!" : "") + parts.length;
        System.out.println(String.join("|", parts));
    }
}
