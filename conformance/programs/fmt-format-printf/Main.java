import java.util.Locale;

public class Main {
    public static void main(String[] args) {
        Locale.setDefault(Locale.US);
        System.out.println(String.format("%d|%5d|%-5d|%05d|%+d|%,d|%(d", 42, 42, 42, 42, 42, 1234567, -42));
        System.out.println(String.format("%s|%10s|%-10s|%.3s|%S", "text", "right", "left", "truncate", "upper"));
        System.out.println(String.format("%f|%.2f|%5.2f|%-8.1f|%e|%.3E|%g", Math.PI, Math.PI, Math.E, 2.5, 12345.678, 0.000123, 0.0001));
        System.out.println(String.format("%x|%X|%08x|%#x|%o|%#o|%x", 255, 255, 48879, 255, 8, 8, -1));
        System.out.println(String.format("%c|%C|%b|%B|%b|%h|%%|%n", 'a', 'b', true, false, null, "hi").replace("\n", "\\n"));
        System.out.println(String.format("%2$s %1$s %2$s", "world", "hello"));
        System.out.println(String.format("%,.2f|%,d|%.0f|%.0f|%.0f", 1234567.891, -9876543210L, 0.5, 1.5, 2.5));
        System.out.println(String.format("[%8.3f] [%-8.3f] [%08.3f] [%+.1f]", -3.14159, 3.14159, 3.14159, 0.05));
        System.out.println(String.format("%s %s %s", null, 1.0f, new int[0].length));
        System.out.println(String.format("%d %d %d", (byte) -1, (short) 5, Long.MIN_VALUE));
        System.out.println(String.format("%x %x", (byte) -1, Long.MIN_VALUE));
        System.out.println(String.format("%.3f %.10f %f", Double.NaN, 1.0 / 3, Double.POSITIVE_INFINITY));
        System.out.println(String.format("%10.4e|%a", 6.02214076e23, 1.0));
        System.out.println(String.format("%-6s|%6s|", true, 'x'));
        System.out.printf("printf %d items at %5.2f each = %,.2f total%n", 1200, 3.5, 1200 * 3.5);
        System.out.printf("%s%n", "line");
        System.out.println("formatted: " + "%d-%s".formatted(7, "x"));
        try {
            String.format("%d", "not a number");
        } catch (java.util.IllegalFormatConversionException e) {
            System.out.println("IllegalFormatConversionException: " + e.getMessage());
        }
        try {
            String.format("%s %s", "only one");
        } catch (java.util.MissingFormatArgumentException e) {
            System.out.println("MissingFormatArgumentException: " + e.getMessage());
        }
        try {
            String.format("%q", 1);
        } catch (java.util.UnknownFormatConversionException e) {
            System.out.println("UnknownFormatConversionException: " + e.getMessage());
        }
        StringBuilder table = new StringBuilder();
        String[] items = {"apple", "banana", "cherry"};
        double[] prices = {1.5, 0.25, 12.0};
        for (int i = 0; i < items.length; i++) table.append(String.format("%-10s%8.2f%n", items[i], prices[i]));
        System.out.print(table);
    }
}
