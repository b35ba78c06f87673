import java.util.List;
import java.util.function.Function;

public class Main {
    static int parse(String s) { return Integer.parseInt(s); }

    public static void main(String[] args) {
        Function<String, Integer> f = s -> {
            if (s.isEmpty()) throw new IllegalArgumentException("empty input");
            return s.length();
        };
        try {
            f.apply("");
        } catch (IllegalArgumentException e) {
            System.out.println("caught " + e.getMessage());
            e.printStackTrace();
        }
        Runnable r = () -> {
            Object o = null;
            o.toString();
        };
        try {
            r.run();
        } catch (NullPointerException e) {
            e.printStackTrace();
        }
        System.out.println("now uncaught inside forEach");
        List.of("1", "2", "x3").forEach(s -> System.out.println("parsed " + parse(s)));
    }
}
