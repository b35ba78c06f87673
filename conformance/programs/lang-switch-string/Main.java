public class Main {
    static String classify(String s) {
        switch (s) {
            case "apple":
            case "pear":
                return "fruit";
            case "carrot":
                return "vegetable";
            case "FB":
                return "collides-FB";
            case "Ea":
                return "collides-Ea";
            case "":
                return "empty";
            default:
                return "unknown";
        }
    }

    static int days(int month, boolean leap) {
        switch (month) {
            case 2: return leap ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return month >= 1 && month <= 12 ? 31 : -1;
        }
    }

    static String sparse(int v) {
        switch (v) {
            case -1000000: return "very negative";
            case 0: return "zero";
            case 1000: return "thousand";
            case Integer.MAX_VALUE: return "max";
            default: return "other";
        }
    }

    static int fallthrough(int n) {
        int r = 0;
        switch (n) {
            case 1: r += 1;
            case 2: r += 10;
            case 3: r += 100; break;
            case 4: r += 1000;
            default: r += 10000;
        }
        return r;
    }

    public static void main(String[] args) {
        String[] in = {"apple", "pear", "carrot", "FB", "Ea", "", "Apple", "kiwi"};
        for (String s : in) System.out.println("[" + s + "] -> " + classify(s));
        int total = 0;
        for (int m = 0; m <= 13; m++) total += days(m, false);
        System.out.println("days sum " + total + " leap feb " + days(2, true));
        int[] vs = {-1000000, 0, 1000, Integer.MAX_VALUE, 5};
        for (int v : vs) System.out.println(v + " -> " + sparse(v));
        for (int n = 0; n <= 5; n++) System.out.println("fallthrough(" + n + ")=" + fallthrough(n));
        for (int i = -2; i <= 2; i++) {
            String t = i < 0 ? "neg" : i == 0 ? "zero" : "pos";
            int abs = i < 0 ? -i : i;
            Object boxed = i % 2 == 0 ? (Object) Integer.valueOf(i) : "odd";
            System.out.println(i + " " + t + " " + abs + " " + boxed);
        }
        char grade = 'B';
        switch (grade) {
            case 'A': System.out.println("excellent"); break;
            case 'B': System.out.println("good"); break;
            default: System.out.println("other");
        }
        char c = 'a';
        c += 25;
        char d = (char) (c - 'a' + 'A');
        System.out.println("char arith " + c + " " + d + " " + (char) ('0' + 7) + " " + (c - 'a') + " " + (int) Character.toUpperCase('q'));
        StringBuilder caesar = new StringBuilder();
        for (char ch : "Hello, World".toCharArray()) {
            if (Character.isUpperCase(ch)) caesar.append((char) ('A' + (ch - 'A' + 13) % 26));
            else if (Character.isLowerCase(ch)) caesar.append((char) ('a' + (ch - 'a' + 13) % 26));
            else caesar.append(ch);
        }
        System.out.println("rot13 " + caesar);
        long l = 3;
        Integer ternaryUnbox = l > 2 ? 1 : null;
        System.out.println("ternary boxed " + ternaryUnbox);
        Object numeric = true ? 1 : 2.0;
        System.out.println("binary numeric promotion in ternary " + numeric);
    }
}
