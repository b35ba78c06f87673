public class Main {
    static void show(String label, double d) {
        System.out.println(label + " = " + d + " (float " + (float) d + ")");
    }

    public static void main(String[] args) {
        double nan = Double.NaN, pinf = Double.POSITIVE_INFINITY, ninf = Double.NEGATIVE_INFINITY;
        show("0.1+0.2", 0.1 + 0.2);
        show("1/3", 1.0 / 3);
        show("1/0", 1.0 / 0);
        show("-1/0", -1.0 / 0);
        show("0/0", 0.0 / 0);
        show("-0.0", -0.0);
        show("0.0*-1", 0.0 * -1);
        show("inf-inf", pinf - pinf);
        show("1e308*10", 1e308 * 10);
        show("MIN_VALUE", Double.MIN_VALUE);
        show("MIN_VALUE/2", Double.MIN_VALUE / 2);
        show("MAX_VALUE", Double.MAX_VALUE);
        show("100.0", 100.0);
        show("1e7", 1e7);
        show("1e-3", 1e-3);
        show("1e-4", 1e-4);
        show("123456789.125", 123456789.125);
        show("2/3f", 2.0f / 3.0f);
        System.out.println("NaN==NaN " + (nan == nan) + " NaN!=NaN " + (nan != nan) + " NaN<1 " + (nan < 1) + " NaN>1 " + (nan > 1));
        System.out.println("0.0==-0.0 " + (0.0 == -0.0) + " equals " + Double.valueOf(0.0).equals(-0.0));
        System.out.println("compare(0.0,-0.0) " + Double.compare(0.0, -0.0) + " compare(NaN,inf) " + Double.compare(nan, pinf));
        System.out.println("min(0.0,-0.0) " + Math.min(0.0, -0.0) + " max(-0.0,0.0) " + Math.max(-0.0, 0.0));
        System.out.println("isNaN " + Double.isNaN(nan) + " isInfinite " + Double.isInfinite(ninf) + " isFinite " + Double.isFinite(1e300));
        double[] ds = {nan, pinf, ninf, 1e20, -1e20, 3.99, -3.99, 2147483647.5, -2147483648.9, 0.5, -0.5};
        for (double d : ds) {
            System.out.println("d=" + d + " (int)=" + (int) d + " (long)=" + (long) d + " (char)=" + (int) (char) d + " (short)=" + (short) d + " (byte)=" + (byte) d);
        }
        float[] fs = {Float.NaN, Float.POSITIVE_INFINITY, -1e10f, 1e10f, 16777217f, 0.1f};
        for (float f : fs) {
            System.out.println("f=" + f + " (int)=" + (int) f + " (long)=" + (long) f + " (double)=" + (double) f);
        }
        System.out.println("5.5%2 = " + (5.5 % 2) + " -5.5%2 = " + (-5.5 % 2) + " 5%0.0 = " + (5 % 0.0));
        System.out.println("bits(1.0)=" + Double.doubleToLongBits(1.0) + " bits(-0.0)=" + Double.doubleToRawLongBits(-0.0));
        System.out.println("floatbits(1.5f)=" + Float.floatToIntBits(1.5f) + " back=" + Float.intBitsToFloat(0x3fc00000));
        System.out.println("longBitsToDouble=" + Double.longBitsToDouble(0x400921fb54442d18L));
        float acc = 0f;
        for (int i = 0; i < 10; i++) acc += 0.1f;
        System.out.println("sum of ten 0.1f = " + acc);
        double dacc = 0;
        for (int i = 0; i < 10; i++) dacc += 0.1;
        System.out.println("sum of ten 0.1 = " + dacc);
        System.out.println("long->float " + (float) Long.MAX_VALUE + " long->double " + (double) (Long.MAX_VALUE - 1));
        System.out.println("int->float " + (float) 123456789 + " Float.MIN_VALUE " + Float.MIN_VALUE + " Float.MAX_VALUE " + Float.MAX_VALUE);
    }
}
