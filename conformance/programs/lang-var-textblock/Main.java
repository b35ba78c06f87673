import java.util.ArrayList;
import java.util.HashMap;

public class Main {
    public static void main(String[] args) {
        var list = new ArrayList<String>();
        list.add("one");
        list.add("two");
        var map = new HashMap<String, Integer>();
        for (var s : list) map.put(s, s.length());
        var total = 0L;
        for (var e : map.entrySet()) total += e.getValue();
        var arr = new int[] {3, 1, 2};
        var d = 1.5;
        var c = 'c';
        System.out.println(list + " " + map + " " + total + " " + arr.length + " " + d + " " + c);
        System.out.println("var types: " + ((Object) total).getClass().getSimpleName() + " " + ((Object) d).getClass().getSimpleName());
        var anon = new Object() {
            int hidden = 7;
            String greet() { return "anon field via var: " + hidden; }
        };
        System.out.println(anon.greet() + " " + anon.hidden);
        String json = """
            {
              "name": "jfork",
              "tags": ["fast", "fork"],
              "quote": "say \\"hi\\""
            }
            """;
        System.out.print(json);
        System.out.println("json length " + json.length() + " lines " + json.lines().count());
        String noTrailingNewline = """
            a\
            b\
            c""";
        System.out.println("joined with backslash: " + noTrailingNewline);
        String spaces = """
            keep   \s
            trail\s
              indented
            """;
        System.out.println(spaces.replace(' ', '.'));
        String html = """
                <p>
                  %s
                </p>
            """.formatted("body");
        System.out.print(html);
        String escapes = """
            tab\there "quotes" and ""\"triple""\"
            unicode \u0041\u0042
            """;
        System.out.print(escapes);
        var sb = new StringBuilder();
        for (var i = 0; i < 3; i++) sb.append(i);
        System.out.println("var loop " + sb);
        System.out.println("stripIndent: [" + "   x\n  y".stripIndent() + "] translateEscapes: [" + "a\\tb".translateEscapes() + "]");
    }
}
