import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class Main {
    public static void main(String[] args) {
        List<Integer> nums = Arrays.asList(5, 3, 8, 1, 9, 2, 7, 4, 6, 10, 3, 8);
        System.out.println("evens squared " + nums.stream().filter(n -> n % 2 == 0).map(n -> n * n).collect(Collectors.toList()));
        System.out.println("sorted distinct " + nums.stream().distinct().sorted().toList());
        System.out.println("reverse sorted " + nums.stream().sorted((x, y) -> y - x).limit(5).toList());
        System.out.println("skip/limit " + nums.stream().skip(3).limit(4).toList());
        System.out.println("reduce sum " + nums.stream().reduce(0, Integer::sum) + " product " + nums.stream().reduce(1, (x, y) -> x * y));
        Optional<Integer> max = nums.stream().reduce(Integer::max);
        System.out.println("reduce max " + max.get() + " count " + nums.stream().count());
        System.out.println("anyMatch >9 " + nums.stream().anyMatch(n -> n > 9) + " allMatch >0 " + nums.stream().allMatch(n -> n > 0) + " noneMatch 11 " + nums.stream().noneMatch(n -> n == 11));
        System.out.println("findFirst >6 " + nums.stream().filter(n -> n > 6).findFirst().orElse(-1));
        System.out.println("mapToInt sum " + nums.stream().mapToInt(Integer::intValue).sum() + " average " + nums.stream().mapToInt(n -> n).average().getAsDouble());
        System.out.println("summary " + nums.stream().mapToInt(n -> n).summaryStatistics());
        List<String> words = List.of("stream", "lambda", "collect", "map", "filter", "reduce", "sorted");
        System.out.println("upper joined " + words.stream().map(String::toUpperCase).collect(Collectors.joining(", ", "[", "]")));
        System.out.println("lengths " + words.stream().map(String::length).toList());
        System.out.println("toSet sorted " + words.stream().map(w -> w.charAt(0)).collect(Collectors.toCollection(java.util.TreeSet::new)));
        System.out.println("peek: " + Stream.of("a", "b", "c").peek(s -> System.out.print("<" + s + ">")).map(s -> s + s).toList());
        System.out.println("Stream.of concat " + Stream.concat(Stream.of(1, 2), Stream.of(3)).toList());
        System.out.println("takeWhile " + nums.stream().takeWhile(n -> n != 9).toList() + " dropWhile " + nums.stream().dropWhile(n -> n != 9).toList());
        Object[] arr = words.stream().filter(w -> w.length() > 5).toArray();
        String[] typed = words.stream().filter(w -> w.length() <= 5).toArray(String[]::new);
        System.out.println("toArray " + arr.length + " " + Arrays.toString(typed));
        System.out.println("counting " + words.stream().collect(Collectors.counting()) + " averagingInt " + words.stream().collect(Collectors.averagingInt(String::length)));
        System.out.println("minBy " + words.stream().collect(Collectors.minBy(java.util.Comparator.naturalOrder())).get());
        System.out.println("empty stream max " + Stream.<Integer>empty().max(Integer::compare).isPresent());
    }
}
