public class Main {
    public static void main(String[] args) {
        int[] xs = {0, 1, -1, 6, 255, 1 << 20, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x12345678};
        for (int x : xs) {
            System.out.println(x + ": bitCount=" + Integer.bitCount(x) + " nlz=" + Integer.numberOfLeadingZeros(x) + " ntz=" + Integer.numberOfTrailingZeros(x)
                + " highest=" + Integer.highestOneBit(x) + " lowest=" + Integer.lowestOneBit(x) + " rotl3=" + Integer.rotateLeft(x, 3) + " rotr5=" + Integer.rotateRight(x, 5)
                + " reverse=" + Integer.reverse(x) + " reverseBytes=" + Integer.reverseBytes(x) + " signum=" + Integer.signum(x));
        }
        long[] ls = {0L, -1L, 1L << 40, Long.MIN_VALUE, 0x0123456789abcdefL};
        for (long x : ls) {
            System.out.println(x + ": bitCount=" + Long.bitCount(x) + " nlz=" + Long.numberOfLeadingZeros(x) + " ntz=" + Long.numberOfTrailingZeros(x) + " rotl7=" + Long.rotateLeft(x, 7) + " reverse=" + Long.reverse(x) + " hi=" + Long.highestOneBit(x));
        }
        int v = 40;
        System.out.println("isPow2(64)=" + ((64 & 63) == 0) + " isPow2(40)=" + ((v & (v - 1)) == 0) + " clear lowest=" + (v & (v - 1)) + " isolate lowest=" + (v & -v));
        int a = 17, b = 42;
        a ^= b; b ^= a; a ^= b;
        System.out.println("xor swap a=" + a + " b=" + b);
        System.out.println("abs without branch " + ((-37 ^ (-37 >> 31)) - (-37 >> 31)));
        int nextPow2 = 1 << (32 - Integer.numberOfLeadingZeros(1000 - 1));
        System.out.println("next pow2 >= 1000: " + nextPow2);
        int mask = 0;
        for (int bit : new int[] {1, 3, 5, 31}) mask |= 1 << bit;
        System.out.println("mask=" + Integer.toBinaryString(mask) + " toggled=" + Integer.toHexString(mask ^ 0xff));
        int subsets = 0;
        for (int s = mask; s != 0; s = (s - 1) & mask) subsets++;
        System.out.println("non-empty subsets of mask: " + subsets);
        System.out.println("gray codes: " + grays(4));
        System.out.println("popcount table sum 0..1023 = " + popSum(1024));
        System.out.println("Short.reverseBytes=" + Short.reverseBytes((short) 0x1234) + " Character.reverseBytes=" + (int) Character.reverseBytes('\u1234'));
        System.out.println("compareUnsigned=" + Integer.compareUnsigned(-1, 1) + " divideUnsigned=" + Integer.divideUnsigned(-1, 10) + " toUnsignedLong=" + Integer.toUnsignedLong(-2));
        System.out.println("shift by long amount " + (1 << 33L) + " " + (1L << 65));
    }

    static String grays(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < (1 << n); i++) sb.append(i ^ (i >> 1)).append(' ');
        return sb.toString().trim();
    }

    static int popSum(int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            int x = i;
            x = x - ((x >>> 1) & 0x55555555);
            x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
            x = (x + (x >>> 4)) & 0x0f0f0f0f;
            s += (x * 0x01010101) >>> 24;
        }
        return s;
    }
}
