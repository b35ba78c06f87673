import java.util.*;
import java.util.stream.*;

public class Main {
    public static void main(String[] args) {
        List<String> words = List.of("delta", "alpha", "charlie", "bravo", "alpha", "echo", "foxtrot", "golf", "echo", "hotel");
        System.out.println("map " + words.stream().map(String::toUpperCase).collect(Collectors.toList()));
        System.out.println("filter " + words.stream().filter(w -> w.length() == 5).collect(Collectors.toList()));
        System.out.println("distinct " + words.stream().distinct().collect(Collectors.toList()));
        System.out.println("sorted " + words.stream().sorted().collect(Collectors.toList()));
        System.out.println("sorted desc " + words.stream().sorted(Comparator.reverseOrder()).distinct().collect(Collectors.toList()));
        System.out.println("limit/skip " + words.stream().skip(2).limit(4).collect(Collectors.toList()));
        System.out.println("skip past end " + words.stream().skip(100).count() + " limit 0 " + words.stream().limit(0).count());
        System.out.println("flatMap " + words.stream().limit(3).flatMap(w -> w.chars().mapToObj(c -> String.valueOf((char) c))).collect(Collectors.joining(",")));
        System.out.println("flatMap lists " + Stream.of(List.of(1, 2), List.<Integer>of(), List.of(3)).flatMap(List::stream).map(i -> i * 10).collect(Collectors.toList()));
        System.out.println("reduce identity " + words.stream().map(String::length).reduce(0, Integer::sum));
        System.out.println("reduce optional " + words.stream().reduce((a, b) -> a.length() >= b.length() ? a : b).orElse("none"));
        System.out.println("reduce empty " + Stream.<String>empty().reduce(String::concat));
        System.out.println("reduce 3-arg " + words.stream().reduce(0L, (acc, w) -> acc + w.hashCode(), Long::sum));
        System.out.println("matches " + words.stream().anyMatch(w -> w.startsWith("g")) + " " + words.stream().allMatch(w -> w.length() > 3) + " " + words.stream().noneMatch(String::isEmpty));
        System.out.println("empty matches " + Stream.empty().anyMatch(x -> true) + " " + Stream.empty().allMatch(x -> false) + " " + Stream.empty().noneMatch(x -> true));
        System.out.println("findFirst " + words.stream().filter(w -> w.contains("o")).findFirst().get() + " " + words.stream().filter(w -> w.contains("z")).findFirst());
        System.out.println("min/max " + words.stream().min(Comparator.naturalOrder()).get() + " " + words.stream().max(Comparator.comparing(String::length).thenComparing(Comparator.reverseOrder())).get());
        System.out.println("count " + words.stream().filter(w -> w.indexOf('a') >= 0).count());
        List<String> peeked = new ArrayList<>();
        long n = words.stream().peek(peeked::add).filter(w -> w.length() > 4).map(String::length).count();
        System.out.println("peek " + n + " " + peeked.size());
        StringBuilder order = new StringBuilder();
        Stream.of("a", "b", "c").filter(s -> { order.append("f").append(s); return !s.equals("b"); }).map(s -> { order.append("m").append(s); return s; }).forEach(s -> order.append("e").append(s).append(' '));
        System.out.println("laziness order " + order);
        System.out.println("takeWhile " + Stream.of(1, 2, 3, 10, 4, 5).takeWhile(i -> i < 5).collect(Collectors.toList()) + " dropWhile " + Stream.of(1, 2, 3, 10, 4, 5).dropWhile(i -> i < 5).collect(Collectors.toList()));
        System.out.println("iterate " + Stream.iterate(1, i -> i * 3).limit(8).collect(Collectors.toList()) + " bounded " + Stream.iterate(1, i -> i < 200, i -> i * 2).collect(Collectors.toList()));
        int[] seed = {0};
        System.out.println("generate " + Stream.generate(() -> seed[0]++).limit(5).collect(Collectors.toList()));
        Object[] arr = words.stream().limit(2).toArray();
        String[] sarr = words.stream().limit(2).toArray(String[]::new);
        System.out.println("toArray " + arr.length + " " + Arrays.toString(sarr) + " " + sarr.getClass().getSimpleName());
        System.out.println("concat " + Stream.concat(Stream.of("x"), words.stream().limit(2)).collect(Collectors.toList()));
        System.out.println("ofNullable " + Stream.ofNullable(null).count() + " " + Stream.ofNullable("v").count());
        System.out.println("Arrays.stream " + Arrays.stream(new String[] {"p", "q", "r", "s"}, 1, 3).collect(Collectors.joining()));
        Iterator<String> it = words.stream().filter(w -> w.endsWith("o")).iterator();
        StringBuilder sb = new StringBuilder();
        while (it.hasNext()) sb.append(it.next()).append(';');
        System.out.println("iterator " + sb);
        System.out.println("sorted stable " + words.stream().sorted(Comparator.comparing(String::length)).collect(Collectors.toList()));
        List<List<Integer>> nested = List.of(List.of(3, 1), List.of(2), List.of(5, 4, 6));
        System.out.println("nested flatMap sorted " + nested.stream().flatMap(Collection::stream).sorted().map(String::valueOf).collect(Collectors.joining("<")));
        System.out.println("mapMulti " + Stream.of(1, 2, 3).<Integer>mapMulti((v, sink) -> { for (int i = 0; i < v; i++) sink.accept(v); }).collect(Collectors.toList()));
        System.out.println("toList " + Stream.of("t", "o").toList());
        try {
            Stream.of("x").toList().add("y");
        } catch (UnsupportedOperationException e) {
            System.out.println("unmodifiable toList " + e.getClass().getSimpleName());
        }
        Stream<String> once = words.stream();
        once.count();
        try {
            once.count();
        } catch (IllegalStateException e) {
            System.out.println("reused stream: " + e.getMessage());
        }
        System.out.println("onClose " + closeDemo());
    }

    static String closeDemo() {
        StringBuilder sb = new StringBuilder();
        try (Stream<String> s = Stream.of("a", "b").onClose(() -> sb.append("closed1")).onClose(() -> sb.append("+closed2"))) {
            sb.append(s.count()).append(' ');
        }
        return sb.toString();
    }
}
