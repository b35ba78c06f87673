import java.util.*;
import java.util.function.*;
import java.util.stream.*;

public class Main {
    enum Day { MON, TUE, WED, THU, FRI, SAT, SUN }
    enum Op { ADD, SUB, MUL, DIV }

    static String kind(Day d) {
        return switch (d) {
            case SAT, SUN -> "weekend";
            case MON, TUE, WED, THU -> "weekday";
            case FRI -> {
                String s = "almost";
                yield s + "-weekend";
            }
        };
    }

    static int letters(String s) {
        return switch (s) {
            case "one", "two", "six", "ten" -> 3;
            case "three", "seven", "eight" -> 5;
            case "four", "five", "nine" -> 4;
            case "" -> 0;
            default -> {
                if (s.startsWith("eleven")) yield 6;
                yield -1;
            }
        };
    }

    static String classify(int n) {
        return switch (n) {
            case 0 -> "zero";
            case 1, 2, 3 -> "small";
            case 100 -> "hundred";
            case Integer.MIN_VALUE -> "min";
            default -> n < 0 ? "negative" : "large";
        };
    }

    static String charType(char c) {
        return switch (c) {
            case 'a', 'e', 'i', 'o', 'u' -> "vowel";
            case ' ' -> "space";
            default -> Character.isDigit(c) ? "digit" : "other";
        };
    }

    static int oldStyle(String s) {
        int r;
        switch (s) {
            case "Aa":
            case "BB":
                r = 1;
                break;
            case "x":
                r = 2;
            case "y":
                r = 3;
                break;
            default:
                r = 0;
        }
        return r;
    }

    static int yieldOldStyle(int k) {
        return switch (k % 4) {
            case 0:
                yield 10;
            case 1:
            case 2:
                int t = k * 2;
                yield t;
            default:
                yield -k;
        };
    }

    static IntBinaryOperator op(Op op) {
        return switch (op) {
            case ADD -> (a, b) -> a + b;
            case SUB -> (a, b) -> a - b;
            case MUL -> (a, b) -> a * b;
            case DIV -> (a, b) -> {
                if (b == 0) throw new ArithmeticException("division by zero in " + op);
                return a / b;
            };
        };
    }

    public static void main(String[] args) {
        for (Day d : Day.values()) System.out.print(d + "=" + kind(d) + " ");
        System.out.println();
        for (String s : List.of("one", "three", "four", "", "eleventy", "zzz", "nine")) System.out.print(s + ":" + letters(s) + " ");
        System.out.println();
        for (int n : new int[] {0, 2, 100, -5, 7, Integer.MIN_VALUE}) System.out.print(classify(n) + " ");
        System.out.println();
        System.out.println("hello 42".chars().mapToObj(c -> charType((char) c)).collect(Collectors.joining(",")));
        System.out.println("hash collisions Aa/BB " + oldStyle("Aa") + oldStyle("BB") + " fallthrough " + oldStyle("x") + oldStyle("y") + oldStyle("C#"));
        for (int k = 0; k < 6; k++) System.out.print(yieldOldStyle(k) + " ");
        System.out.println();
        for (Op o : Op.values()) System.out.print(o + " " + op(o).applyAsInt(12, 4) + "; ");
        System.out.println();
        try {
            op(Op.DIV).applyAsInt(1, 0);
        } catch (ArithmeticException e) {
            System.out.println(e.getMessage());
        }
        Object[] things = {42, "str", 3.5, 'c', null, List.of(1), new int[] {1, 2}};
        for (Object o : things) {
            String desc;
            if (o instanceof Integer i && i > 40) desc = "big int " + (i + 1);
            else if (o instanceof String s) desc = "string of " + s.length();
            else if (o instanceof Number n) desc = "number " + n.intValue();
            else if (o instanceof int[] arr) desc = "int array " + arr.length;
            else desc = "other " + (o == null ? "null" : o.getClass().getSimpleName());
            System.out.println(desc);
        }
        Map<Day, Integer> hours = new EnumMap<>(Day.class);
        for (Day d : Day.values()) {
            hours.put(d, switch (kind(d)) {
                case "weekend" -> 0;
                case "almost-weekend" -> 6;
                default -> 8;
            });
        }
        System.out.println("hours " + hours + " total " + hours.values().stream().mapToInt(Integer::intValue).sum());
        String s = null;
        try {
            switch (s) {
                case "a" -> System.out.println("a");
                default -> System.out.println("default");
            }
        } catch (NullPointerException e) {
            System.out.println("switch on null string NPE");
        }
        Day nd = null;
        try {
            System.out.println(kind(nd));
        } catch (NullPointerException e) {
            System.out.println("switch on null enum NPE");
        }
        Function<Day, String> viaLambda = d -> switch (d) { case MON -> "start"; default -> d.name().toLowerCase(); };
        System.out.println(Arrays.stream(Day.values()).map(viaLambda).collect(Collectors.joining("/")));
        long big = 5_000_000_000L;
        String sz = switch ((int) (big % 3)) { case 0 -> "div3"; case 1 -> "rem1"; default -> "rem2"; };
        System.out.println("long switch via int " + sz);
    }
}
