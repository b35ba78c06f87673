public class Main {
    static void tryParseInt(String s) {
        try {
            System.out.println("parseInt(" + s + ") = " + Integer.parseInt(s));
        } catch (NumberFormatException e) {
            System.out.println("NFE: " + e.getMessage());
        }
    }

    static void tryParseDouble(String s) {
        try {
            System.out.println("parseDouble(" + s + ") = " + Double.parseDouble(s));
        } catch (NumberFormatException e) {
            System.out.println("NFE: " + e.getMessage());
        } catch (NullPointerException e) {
            System.out.println("NPE from parseDouble");
        }
    }

    public static void main(String[] args) {
        String[] ints = {"42", "-42", "+7", "2147483647", "2147483648", "-2147483648", "", "abc", "12a", " 1", "0x10", "007"};
        for (String s : ints) tryParseInt(s);
        try {
            Integer.parseInt(null);
        } catch (NumberFormatException e) {
            System.out.println("NFE null: " + e.getMessage());
        }
        System.out.println("parseInt(ff,16)=" + Integer.parseInt("ff", 16) + " parseInt(-1010,2)=" + Integer.parseInt("-1010", 2) + " parseInt(zz,36)=" + Integer.parseInt("zz", 36));
        try {
            Integer.parseInt("99", 8);
        } catch (NumberFormatException e) {
            System.out.println("NFE radix: " + e.getMessage());
        }
        System.out.println("toString radix: " + Integer.toString(255, 16) + " " + Integer.toString(-255, 2) + " " + Integer.toString(12345, 36) + " " + Long.toString(Long.MIN_VALUE, 7));
        System.out.println("hex: " + Integer.toHexString(-1) + " " + Integer.toHexString(255) + " " + Long.toHexString(Long.MIN_VALUE) + " octal: " + Integer.toOctalString(-8) + " bin: " + Integer.toBinaryString(10) + " " + Long.toBinaryString(-1L).length());
        System.out.println("Long.MAX_VALUE=" + Long.MAX_VALUE + " parseLong=" + Long.parseLong("-9223372036854775808"));
        try {
            Long.parseLong("9223372036854775808");
        } catch (NumberFormatException e) {
            System.out.println("NFE long: " + e.getMessage());
        }
        String[] ds = {"3.14", "-0", "1e10", "1E-10", "NaN", "-Infinity", "  2.5  ", "0x1p4", "1.7976931348623157E309", "4.9e-325", "abc", "1.5f", "", "."};
        for (String s : ds) tryParseDouble(s);
        tryParseDouble(null);
        System.out.println("Float.parseFloat=" + Float.parseFloat("3.4028236e38") + " " + Float.parseFloat("1.1"));
        System.out.println("valueOf cache: " + Integer.valueOf("127") + " decode=" + Integer.decode("0x1F") + " " + Integer.decode("-010") + " " + Long.decode("#ff"));
        System.out.println("Integer.toString(MIN)=" + Integer.toString(Integer.MIN_VALUE) + " unsigned=" + Integer.toUnsignedString(-1) + " parseUnsigned=" + Integer.parseUnsignedInt("4294967295"));
        double[] print = {1.0, 10.0, 0.001, 0.0001, 1234567.0, 12345678.0, 1.0E7, 9999999.999, 1e100, 1.0 / 3, 2.0 / 3, 100.0 / 7, 5e-324, 0.1f, 1e23, 8.41e21, 2e-3};
        for (double d : print) System.out.println("Double.toString=" + Double.toString(d) + " Float=" + Float.toString((float) d));
        System.out.println("Byte.parseByte=" + Byte.parseByte("-128") + " Short.parseShort=" + Short.parseShort("32767"));
        try {
            Byte.parseByte("128");
        } catch (NumberFormatException e) {
            System.out.println("NFE byte: " + e.getMessage());
        }
        System.out.println("Boolean.parseBoolean=" + Boolean.parseBoolean("TRUE") + " " + Boolean.parseBoolean("yes"));
        System.out.println("Character.forDigit=" + Character.forDigit(11, 16) + " digit=" + Character.digit('f', 16));
        System.out.println("Double.MAX=" + Double.MAX_VALUE + " Integer.MAX=" + Integer.MAX_VALUE + " Short.MIN=" + Short.MIN_VALUE + " Byte.MAX=" + Byte.MAX_VALUE + " Character.MAX=" + (int) Character.MAX_VALUE);
    }
}
