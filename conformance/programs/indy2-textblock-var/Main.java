import java.util.*;
import java.util.function.*;
import java.util.stream.*;

public class Main {
    static final String JSON = """
        {
          "name": "jfork",
          "tags": ["java", "rust"],
          "nested": { "deep": true }
        }
        """;

    public static void main(String[] args) {
        System.out.print(JSON);
        System.out.println("lines " + JSON.lines().count() + " length " + JSON.length() + " endsWithNewline " + JSON.endsWith("\n"));
        String noTrailing = """
            first
              indented
            last""";
        System.out.println("[" + noTrailing + "]");
        String escapes = """
            tab\there
            quote "inside" and triple \""" here
            backslash \\ unicode \u00e9
            trailing spaces kept\s\s
            joined \
            line
            octal \101 and \n explicit newline
            """;
        System.out.print(escapes.replace("\t", "<TAB>").replace(" \n", "<SP>\n"));
        String stripped = """
                   deeper
                shallow
                      deepest
            """;
        System.out.print(stripped.replace(' ', '.'));
        String trailingWhitespace = "  x  \n  y\t\n".stripIndent();
        System.out.println("stripIndent [" + trailingWhitespace.replace("\n", "|") + "] translateEscapes [" + "a\\tb\\n".translateEscapes().replace("\t", "T").replace("\n", "N") + "]");
        String formatted = """
            Dear %s,
            you owe %,.2f EUR (%d items).
            """.formatted("Ann", 1234.5, 3);
        System.out.print(formatted);
        String empty = """
            """;
        System.out.println("empty text block length " + empty.length());
        var list = new ArrayList<Map<String, List<Integer>>>();
        var map = new TreeMap<String, List<Integer>>();
        map.put("a", List.of(1, 2));
        list.add(map);
        for (var m : list) for (var e : m.entrySet()) System.out.println("var loop " + e.getKey() + "=" + e.getValue());
        for (var i = 0; i < 3; i++) System.out.print("i" + i + " ");
        System.out.println();
        var anon = new Object() {
            int hits = 0;
            String hit() { return "hit" + ++hits; }
        };
        System.out.println("var anonymous members " + anon.hit() + " " + anon.hit() + " " + anon.hits);
        BiFunction<Integer, Integer, Integer> add = (var x, var y) -> x + y;
        BinaryOperator<String> cat = (final var a, final var b) -> a + b;
        System.out.println("var lambda params " + add.apply(2, 3) + " " + cat.apply("p", "q"));
        var numbers = IntStream.rangeClosed(1, 5).boxed().collect(Collectors.toList());
        var total = 0L;
        for (var n : numbers) total += n;
        var avg = total / (double) numbers.size();
        System.out.println("var inference " + total + " " + avg + " " + ((Object) total).getClass().getSimpleName() + " " + ((Object) avg).getClass().getSimpleName());
        var chars = new char[] {'v', 'a', 'r'};
        var sb = new StringBuilder();
        for (var c : chars) sb.append(Character.toUpperCase(c));
        System.out.println("var arrays " + sb);
        var lambdaHolder = (Supplier<String>) () -> "cast lambda into var";
        System.out.println(lambdaHolder.get());
        var html = """
            <ul>
            %s
            </ul>""".formatted(Stream.of("one", "two").map(s -> "  <li>" + s + "</li>").collect(Collectors.joining("\n")));
        System.out.println(html);
        String sql = """
            SELECT id, name \
            FROM users \
            WHERE age > ?""";
        System.out.println(sql);
        System.out.println("text block equality " + ("""
            abc""" == "abc") + " " + """
            x
            """.equals("x\n"));
    }
}
