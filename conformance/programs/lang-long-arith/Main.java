public class Main {
    static long div(long a, long b) { return a / b; }

    public static void main(String[] args) {
        long max = Long.MAX_VALUE, min = Long.MIN_VALUE;
        System.out.println("max=" + max + " min=" + min);
        System.out.println("max+1=" + (max + 1));
        System.out.println("min-1=" + (min - 1));
        System.out.println("min/-1=" + div(min, -1L));
        System.out.println("min%-1=" + (min % -1L));
        System.out.println("-7/2=" + div(-7L, 2L) + " -7%2=" + (-7L % 2L));
        try {
            div(5L, 0L);
        } catch (ArithmeticException e) {
            System.out.println("caught: " + e.getMessage());
        }
        long v = -123456789012345L;
        for (int s : new int[] {0, 1, 17, 63, 64, 65, -1}) {
            System.out.println("v<<" + s + "=" + (v << s) + " v>>" + s + "=" + (v >> s) + " v>>>" + s + "=" + (v >>> s));
        }
        int big = 2000000000;
        long wrong = big * 2;
        long right = big * 2L;
        System.out.println("int-mul=" + wrong + " long-mul=" + right);
        System.out.println("(int)long=" + (int) 0x1234567890L + " (short)=" + (short) 0x12348765L + " (byte)=" + (byte) 0x1ffL);
        long f = 1;
        for (int i = 1; i <= 25; i++) {
            f *= i;
            if (i >= 18) System.out.println(i + "! mod 2^64 = " + f);
        }
        long h = 1125899906842597L;
        String s = "conformance";
        for (int i = 0; i < s.length(); i++) h = 31 * h + s.charAt(i);
        System.out.println("h=" + h);
        System.out.println("cmp=" + Long.compare(min, max) + " sign=" + Long.signum(-99L));
        System.out.println("unsigned div=" + Long.divideUnsigned(-1L, 3L) + " rem=" + Long.remainderUnsigned(-1L, 7L));
        System.out.println("toUnsignedString=" + Long.toUnsignedString(-1L));
        long mixed = 1L << 40 | 0xABCDL;
        System.out.println("mixed=" + mixed + " ~mixed=" + ~mixed);
    }
}
