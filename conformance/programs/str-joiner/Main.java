import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;

public class Main {
    public static void main(String[] args) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        System.out.println("empty " + j + " length " + j.length());
        j.setEmptyValue("EMPTY");
        System.out.println("emptyValue " + j);
        j.add("a").add("b").add(null).add("");
        System.out.println("joined " + j + " length " + j.length());
        StringJoiner k = new StringJoiner("-");
        k.add("x").add("y");
        j.merge(k);
        System.out.println("merged " + j);
        StringJoiner plain = new StringJoiner("|");
        for (int i = 0; i < 5; i++) plain.add(Integer.toString(i * i));
        System.out.println(plain);
        System.out.println("String.join list " + String.join("/", List.of("usr", "local", "bin")) + " empty " + String.join(",", List.of()) + "|");
        System.out.println("Collectors.joining " + List.of(3, 1, 2).stream().map(String::valueOf).collect(Collectors.joining(" < ", "[", "]")));
        StringJoiner nested = new StringJoiner(";", "<", ">");
        nested.setEmptyValue("none");
        StringJoiner inner = new StringJoiner(",", "(", ")");
        nested.merge(inner);
        System.out.println("merge of empty " + nested);
        inner.add("1");
        nested.merge(inner);
        nested.add("2");
        System.out.println("after merges " + nested);
        StringBuilder csv = new StringBuilder();
        String[][] rows = {{"name", "age"}, {"ann", "31"}, {"bob", "27"}};
        for (String[] row : rows) {
            StringJoiner line = new StringJoiner(",");
            for (String cell : row) line.add("\"" + cell + "\"");
            csv.append(line).append('\n');
        }
        System.out.print(csv);
    }
}
