public class Main {
    static int div(int a, int b) { return a / b; }
    static int rem(int a, int b) { return a % b; }

    public static void main(String[] args) {
        int max = Integer.MAX_VALUE, min = Integer.MIN_VALUE;
        System.out.println("max+1 = " + (max + 1));
        System.out.println("min-1 = " + (min - 1));
        System.out.println("max*2 = " + (max * 2));
        System.out.println("min*-1 = " + (min * -1));
        System.out.println("-min = " + (-min));
        System.out.println("min/-1 = " + div(min, -1));
        System.out.println("min%-1 = " + rem(min, -1));
        int[] as = {7, -7, 7, -7, 0, 13, -13};
        int[] bs = {2, 2, -2, -2, 5, 4, 4};
        for (int i = 0; i < as.length; i++) {
            System.out.println(as[i] + " / " + bs[i] + " = " + div(as[i], bs[i]) + ", % = " + rem(as[i], bs[i]));
        }
        try {
            System.out.println(div(1, 0));
        } catch (ArithmeticException e) {
            System.out.println("caught: " + e.getMessage());
        }
        try {
            System.out.println(rem(1, 0));
        } catch (ArithmeticException e) {
            System.out.println("caught rem: " + e);
        }
        int x = -17;
        for (int s : new int[] {0, 1, 4, 31, 32, 33, -1}) {
            System.out.println("x<<" + s + "=" + (x << s) + " x>>" + s + "=" + (x >> s) + " x>>>" + s + "=" + (x >>> s));
        }
        int y = 12345;
        y += 1; y -= 2; y *= 3; y /= 4; y %= 1000; y <<= 3; y >>= 1; y >>>= 1; y &= 0xff; y |= 0x100; y ^= 0x55;
        System.out.println("compound = " + y);
        int i = 5;
        int j = i++ + ++i;
        System.out.println("i=" + i + " j=" + j);
        System.out.println("~0=" + ~0 + " ~min=" + ~min);
        System.out.println("neg & = " + (-1 & 0x7fffffff) + " xor = " + (0x0f0f ^ 0xffff));
        int acc = 1;
        for (int k = 0; k < 40; k++) acc = acc * 31 + k;
        System.out.println("hashlike = " + acc);
        System.out.println("Integer.MIN_VALUE == -Integer.MIN_VALUE: " + (min == -min));
        System.out.println("abs(min) = " + Math.abs(min));
    }
}
