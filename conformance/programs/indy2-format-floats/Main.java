import java.math.BigDecimal;
import java.util.Locale;

public class Main {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        double[] values = {0.0, -0.0, 1.0, -1.5, 0.1, 1e-5, 123456.789, 1e10, 9.999999, 0.000123456, 1e-300, 6.02214076e23, Math.PI, Double.MAX_VALUE, Double.MIN_VALUE, 0.5, 2.5, 1.005, 99.995};
        for (double v : values) {
            System.out.println(String.format("[%f] [%.2f] [%e] [%.3e] [%E] [%g] [%.3g] [%G] [%12.4f] [%-12.2e] [%+.1f] [%012.3f] [%,.2f] [%(.2f]", v, v, v, v, v, v, v, v, v, v, v, v, v, v));
        }
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : specials) {
            System.out.println(String.format("[%f] [%e] [%g] [%10.2f] [%-10f] [%+f] [%(f]", v, v, v, v, v, v, v));
        }
        float[] floats = {0.1f, 1.0f / 3, 16777217f, Float.MIN_VALUE, Float.MAX_VALUE, -2.5f};
        for (float f : floats) {
            System.out.println(String.format("float [%f] [%.10f] [%e] [%g] [%s]", f, f, f, f, f));
        }
        System.out.println(String.format("hex float [%a] [%a] [%A] [%a] [%.2a]", 1.0, -0.1, 255.5, Double.MIN_VALUE, Math.PI));
        BigDecimal bd = new BigDecimal("12345.678901234567890");
        System.out.println(String.format("bigdecimal [%f] [%.3f] [%e] [%g] [%,.5f] [%s]", bd, bd, bd, bd, bd, bd));
        BigDecimal tiny = new BigDecimal("0.00000012345");
        System.out.println(String.format("tiny [%f] [%.12f] [%e] [%g] [%s] [%s]", tiny, tiny, tiny, tiny, tiny, tiny.toPlainString()));
        System.out.println(String.format("rounding HALF_UP [%.0f] [%.0f] [%.0f] [%.0f] [%.1f] [%.1f] [%.2f]", 0.5, 1.5, 2.5, -2.5, 0.05, 0.15, 1.005));
        System.out.println(String.format("g switch [%g] [%g] [%g] [%g] [%g] [%g]", 0.0001, 0.00001, 123456.0, 1234567.0, 9999995.0, 100000.0));
        System.out.println(String.format("precision 0 [%.0e] [%.0g] [%.0f]", 12345.0, 12345.0, 12345.0));
        System.out.println(String.format(Locale.GERMANY, "germany [%,.2f] [%e] [%g]", 1234567.891, 0.5, 1.5));
        System.out.println(String.format(Locale.US, "us [%,.2f] [%,f]", -1234567.891, 1e7));
        System.out.printf("printf [%8.3f] [%-8.3f|] [%08.3f] [%+8.3f]%n", Math.E, Math.E, -Math.E, Math.E);
        System.out.println("formatted " + "%.4f|%10.2e".formatted(1.0 / 7, 1.0 / 7));
        for (int p = 0; p <= 6; p++) System.out.print(String.format("%." + p + "f ", Math.PI));
        System.out.println();
        for (int e = -6; e <= 6; e += 3) System.out.print(String.format("%g ", Math.pow(10, e) * 1.5));
        System.out.println();
        System.out.println(String.format("float boxing [%.3f] [%s] [%s]", Float.valueOf(2.5f), Double.valueOf(-0.0), Float.valueOf(Float.NaN)));
        try {
            String.format("%f", 5);
        } catch (java.util.IllegalFormatConversionException e) {
            System.out.println("conversion: " + e.getMessage());
        }
        try {
            String.format("%#e", 1.0);
            System.out.println("%#e accepted: " + String.format("%#.0e", 1.0));
        } catch (java.util.FormatFlagsConversionMismatchException e) {
            System.out.println("flags: " + e.getMessage());
        }
        System.out.println(Double.toString(1e-3) + " " + Double.toString(1e-4) + " " + Float.toString(1e7f) + " " + Double.toHexString(-0.0) + " " + Math.ulp(1.0) + " " + StrictMath.sqrt(2));
    }
}
