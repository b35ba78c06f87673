import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

public class Main {
    enum Color { RED, GREEN { public String toString() { return "green!"; } } }

    record Point(int x, int y) {}

    static class Node {
        final String name;
        final List<Node> kids = new ArrayList<>();
        Node(String name, Node... kids) { this.name = name; this.kids.addAll(Arrays.asList(kids)); }
        public String toString() { return name + (kids.isEmpty() ? "" : kids.toString()); }
    }

    static class Counting {
        int calls;
        public String toString() { return "counted#" + ++calls; }
    }

    static class Throwing {
        public String toString() { throw new IllegalStateException("toString failed"); }
    }

    static class NullString {
        public String toString() { return null; }
    }

    public static void main(String[] args) {
        Node tree = new Node("root", new Node("a", new Node("a1"), new Node("a2")), new Node("b"));
        System.out.println("tree " + tree + " size " + tree.kids.size());
        System.out.println("enums " + Color.RED + " " + Color.GREEN + " " + Color.GREEN.name() + " " + Color.valueOf("RED").ordinal());
        System.out.println("record " + new Point(1, -2) + " in list " + List.of(new Point(3, 4)));
        Counting c = new Counting();
        String s = "once " + c + " twice " + c + " field " + c.calls;
        System.out.println(s);
        System.out.println("null toString " + new NullString() + " null obj " + (Object) null + " null str " + (String) null);
        try {
            System.out.println("before " + new Throwing() + " after");
        } catch (IllegalStateException e) {
            System.out.println("caught " + e.getMessage());
        }
        Integer boxedI = 12;
        Long boxedL = -3L;
        Double boxedD = -0.0;
        Float boxedF = Float.NaN;
        Character boxedC = 'x';
        Boolean boxedB = Boolean.FALSE;
        Short boxedS = (short) 300;
        Byte boxedBy = (byte) -128;
        System.out.println("boxed " + boxedI + boxedL + boxedD + boxedF + boxedC + boxedB + boxedS + boxedBy);
        Integer nullI = null;
        System.out.println("null boxed " + nullI);
        Map<String, Integer> map = new TreeMap<>(Map.of("k1", 1, "k2", 2));
        System.out.println("map " + map + " entry " + map.entrySet().iterator().next());
        System.out.println("optional " + Optional.of("v") + " " + Optional.empty() + " " + Optional.ofNullable(null));
        StringBuilder sb = new StringBuilder("builder");
        CharSequence cs = sb;
        System.out.println("builder " + sb + " cs " + cs + " sb.reverse " + sb.reverse() + " after " + sb);
        int[] arr = {1, 2, 3};
        System.out.println("arrays " + Arrays.toString(arr) + " deep " + Arrays.deepToString(new Object[] {arr, new String[] {"x"}}) + " len " + arr.length);
        Object o = 3.25;
        Object o2 = 'c';
        Object o3 = List.of(1, List.of(2, 3));
        System.out.println("objects " + o + o2 + o3);
        String prefix = "p";
        for (int i = 0; i < 3; i++) {
            prefix = prefix + "-" + i + prefix.length();
        }
        System.out.println(prefix);
        System.out.println("ternary " + (arr.length > 2 ? "big" : 0) + " " + (arr.length > 5 ? 1 : 2.0));
        System.out.println("nested " + ("(" + ("[" + ("{" + tree.name + "}") + "]") + ")") + (tree.kids.get(0) + "|" + tree.kids.get(1)));
        String text = "unicode ✓ " + '\u00df' + " " + "\uD83D\uDE00" + " len";
        System.out.println(text + " " + text.length() + " cps " + text.codePointCount(0, text.length()));
        Object self = new Object() {
            public String toString() { return "anon:" + getClass().getSimpleName().isEmpty(); }
        };
        System.out.println("anon " + self);
        System.out.println("class " + Main.class + " " + int.class + " " + String[].class + " " + Point.class.getName());
        Exception ex = new RuntimeException("boom");
        System.out.println("exception " + ex + " cause " + new Exception("outer", ex).getCause());
    }
}
