import java.math.BigInteger;
import java.util.Locale;

public class Main {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        long[] values = {0, 1, -1, 42, -42, 255, 65535, 1234567, -9876543, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long v : values) {
            System.out.println(String.format("[%d] [%8d] [%-8d] [%08d] [%+d] [% d] [%,d] [%(d] [%x] [%X] [%o] [%#x] [%#o] [%016x]", v, v, v, v, v, v, v, v, v, v, v, v, v, v));
        }
        int[] ints = {0, -1, 255, Integer.MIN_VALUE, 0x7f};
        for (int v : ints) {
            System.out.println(String.format("int [%x] [%o] [%X] [%,d] [%+,10d] [%-+6d]", v, v, v, v, v, v));
        }
        System.out.println(String.format("byte %x %o %d short %x %o %d", (byte) -2, (byte) -2, (byte) -2, (short) -2, (short) -2, (short) -2));
        System.out.println(String.format("boxed %d %x %s %d", Integer.valueOf(17), Long.valueOf(-17), Short.valueOf((short) 3), Byte.valueOf((byte) 4)));
        BigInteger big = new BigInteger("-123456789012345678901234567890");
        System.out.println(String.format("big [%d] [%,d] [%x] [%o] [%+50d] [%(,d]", big, big, big, big, big, big));
        System.out.println(String.format("%,d in GERMANY is %s", 1234567, String.format(Locale.GERMANY, "%,d", 1234567)));
        System.out.println(String.format(Locale.FRANCE, "france [%,d] [%,.2f]", 1234567, 1234567.891).replace('\u202f', '_').replace('\u00a0', '_'));
        System.out.println(String.format(Locale.US, "us [%,d] [%,.3f]", -1234567890123L, 9876.54321));
        System.out.println(String.format("arg index %3$d %1$d %2$d %1$x then %<o", 8, 9, 10));
        System.out.println(String.format("width from arg [%5s] [%-5s] [%5d]", 1, 2, 3));
        System.out.printf("printf %d%%%n", 50);
        System.out.printf("%s %d %x%n", "mixed", -5, -5);
        for (int w = 1; w <= 6; w++) System.out.print(String.format("|%" + w + "d", 12345));
        System.out.println("|");
        for (int i = 0; i < 5; i++) System.out.print(String.format("%3d%s", i * i * i, i < 4 ? "," : "\n"));
        String table = String.format("%-6s|%6s|%n%-6d|%6d|%n%-6x|%6o|%n", "left", "right", 12, 34, 255, 8);
        System.out.print(table);
        String[] bad = {"%,x", "%#d", "%-d", "%0d", "%+x", "%(o"};
        for (String f : bad) {
            try {
                System.out.println(f + " -> " + String.format(f, 5));
            } catch (java.util.IllegalFormatException e) {
                System.out.println(f + " -> " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        try {
            String.format("%d", 1.5);
        } catch (java.util.IllegalFormatConversionException e) {
            System.out.println("conversion: " + e.getMessage());
        }
        try {
            String.format("%5$d", 1);
        } catch (java.util.MissingFormatArgumentException e) {
            System.out.println("missing: " + e.getMessage());
        }
        System.out.println(Integer.toString(-255, 16) + " " + Integer.toHexString(-255) + " " + Integer.toOctalString(8) + " " + Integer.toBinaryString(10) + " " + Long.toString(Long.MIN_VALUE, 36) + " " + Integer.toUnsignedString(-1) + " " + Long.toUnsignedString(-1L));
    }
}
