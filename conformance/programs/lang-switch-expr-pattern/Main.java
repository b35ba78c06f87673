public class Main {
    enum Day { MON, TUE, WED, THU, FRI, SAT, SUN }

    static int letters(Day d) {
        return switch (d) {
            case MON, FRI, SUN -> 6;
            case TUE -> 7;
            case THU, SAT -> 8;
            case WED -> {
                int n = "wednesday".length();
                yield n;
            }
        };
    }

    static String kind(int n) {
        return switch (n % 4) {
            case 0 -> "zero";
            case 1, -1 -> "one";
            case 2, -2 -> {
                String s = "two";
                yield s.toUpperCase();
            }
            default -> "three";
        };
    }

    static String str(String s) {
        return switch (s) {
            case "a", "b" -> "ab";
            case "hello" -> "greeting";
            default -> "other:" + s.length();
        };
    }

    static int oldStyleYield(String s) {
        int r = switch (s) {
            case "x":
                yield 1;
            case "y":
                System.out.println("  falling from y");
            case "z":
                yield 26;
            default:
                yield -1;
        };
        return r;
    }

    static String describe(Object o) {
        if (o instanceof String s && s.length() > 3) return "long string " + s.toUpperCase();
        if (o instanceof String s) return "short string " + s;
        if (o instanceof Integer i && i > 10) return "big int " + (i * 2);
        if (o instanceof Number n) return "number " + n.doubleValue();
        if (!(o instanceof int[] arr)) return "other " + o;
        return "int array of " + arr.length;
    }

    public static void main(String[] args) {
        for (Day d : Day.values()) System.out.println(d + " " + letters(d));
        for (int i = -3; i <= 4; i++) System.out.println(i + " " + kind(i));
        for (String s : new String[] {"a", "b", "hello", "world"}) System.out.println(s + " " + str(s));
        for (String s : new String[] {"x", "y", "z", "q"}) System.out.println("yield " + s + " " + oldStyleYield(s));
        Object[] objs = {"hi", "hello", 5, 50, 2.5, new int[4], 'c', null};
        for (Object o : objs) System.out.println(describe(o));
        try {
            Day nullDay = null;
            letters(nullDay);
        } catch (NullPointerException e) {
            System.out.println("switch on null enum: NPE");
        }
        Day d = Day.SAT;
        boolean weekend = switch (d) { case SAT, SUN -> true; default -> false; };
        System.out.println("weekend " + weekend);
        char grade = 'B';
        String desc = switch (grade) { case 'A' -> "top"; case 'B', 'C' -> "mid"; default -> "low"; };
        System.out.println("grade " + desc);
    }
}
