import java.util.*;

public class Main {
    static class Pt implements Formattable {
        final int x, y;
        Pt(int x, int y) { this.x = x; this.y = y; }
        public void formatTo(Formatter f, int flags, int width, int precision) {
            boolean alt = (flags & FormattableFlags.ALTERNATE) != 0;
            boolean left = (flags & FormattableFlags.LEFT_JUSTIFY) != 0;
            String s = alt ? "Pt[x=" + x + ",y=" + y + "]" : "(" + x + "," + y + ")";
            if (precision >= 0 && s.length() > precision) s = s.substring(0, precision);
            while (s.length() < width) s = left ? s + "." : "." + s;
            f.format("%s", s);
        }
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        System.out.println(String.format("[%s] [%10s] [%-10s] [%.2s] [%10.3s] [%S] [%s]", "abc", "abc", "abc", "abc", "abcdef", "mixed Case", null));
        System.out.println(String.format("[%c] [%c] [%C] [%c] [%-3c] [%3c] [%c]", 'a', 65, 'b', 0x1F600, 'x', 'y', (int) '\u00e9'));
        System.out.println(String.format("[%b] [%b] [%B] [%b] [%b] [%5b] [%-6b] [%.1b]", true, false, true, null, "non-null is true", false, true, true));
        System.out.println(String.format("[%h] [%h] [%H] [%h] [%h]", "hi", 42, "hi", null, 1.5));
        System.out.println(String.format("newline [%n] percent [%%] [%5%] [%-5%]").replace("\n", "\\n").replace("\r", "\\r"));
        System.out.println(String.format("objects [%s] [%s] [%s] [%s]", List.of(1, 2), Map.of("k", "v"), Optional.of("o"), new StringBuilder("sb")));
        System.out.println(String.format("formattable [%s] [%#s] [%10s] [%-12s] [%.4s]", new Pt(1, 2), new Pt(3, 4), new Pt(5, 6), new Pt(7, 8), new Pt(9, 10)));
        System.out.println(String.format("reuse %1$s-%1$s-%<s %2$s %s %s", "a", "b"));
        System.out.println(String.format("no args"));
        System.out.println(String.format("extra args ignored %s", "x", "y", "z"));
        StringBuilder sb = new StringBuilder();
        Formatter fm = new Formatter(sb);
        fm.format("%s=%d", "k", 1).format(";%s=%d", "l", 2);
        System.out.println("Formatter " + fm + " " + sb.length());
        fm.close();
        System.out.println(String.join(",", String.format("%s", (Object) new String[] {"arr"}).startsWith("[Ljava.lang.String;@") + "", String.valueOf(String.format("%s %s", (Object[]) new String[] {"spread", "args"}))));
        Object[] arr = {"x", 1, 2.0};
        System.out.println(String.format("%s|%s|%s", arr));
        String[] failures = {"%q", "%-s", "%0s", "%.2c", "%#b", "%,s", "%-%", "%5", "%<s"};
        for (String f : failures) {
            try {
                System.out.println(f + " -> [" + String.format(f, "v") + "]");
            } catch (IllegalFormatException e) {
                System.out.println(f + " -> " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        try {
            String.format("%c", 0x110000);
        } catch (IllegalFormatCodePointException e) {
            System.out.println("code point: " + e.getMessage() + " " + Integer.toHexString(e.getCodePoint()));
        }
        try {
            String.format("%c", "str");
        } catch (IllegalFormatConversionException e) {
            System.out.println("char conversion: " + e.getMessage());
        }
        System.out.printf("printf varargs %s %s %s%n", 1, 'c', true);
        System.out.printf("%s%n", (Object) null);
        System.out.printf(Locale.ROOT, "locale printf %.2f%n", 0.125);
        System.out.format("format() %05d|%x%n", 42, 42);
        String tmpl = "Name: %-10s Age: %3d Score: %6.2f%%";
        System.out.println(tmpl.formatted("Ann", 31, 97.456));
        System.out.println(tmpl.formatted("Bartholomew", 7, 5.0));
        StringBuilder rows = new StringBuilder();
        String[][] data = {{"id", "name", "qty"}, {"1", "widget", "12"}, {"22", "gadget", "7"}, {"333", "thingamajig", "1500"}};
        for (String[] row : data) rows.append(String.format("%-4s| %-12s|%6s%n", (Object[]) row));
        System.out.print(rows);
        System.out.println(String.valueOf((Object) null) + " " + Objects.toString(null, "dflt") + " " + Objects.requireNonNullElse(null, "else"));
    }
}
