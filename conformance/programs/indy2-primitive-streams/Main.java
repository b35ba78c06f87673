import java.util.*;
import java.util.stream.*;

public class Main {
    public static void main(String[] args) {
        System.out.println("range " + IntStream.range(0, 10).boxed().collect(Collectors.toList()) + " closed " + IntStream.rangeClosed(-2, 2).boxed().collect(Collectors.toList()));
        System.out.println("empty range " + IntStream.range(5, 5).count() + " " + IntStream.range(5, 1).sum());
        System.out.println("sum " + IntStream.rangeClosed(1, 100).sum() + " avg " + IntStream.rangeClosed(1, 100).average().getAsDouble() + " empty avg " + IntStream.empty().average());
        IntSummaryStatistics s = IntStream.of(4, -8, 15, 16, 23, 42).summaryStatistics();
        System.out.println("IntSummaryStatistics " + s + " | " + s.getMin() + " " + s.getMax() + " " + s.getAverage() + " " + s.getSum() + " " + s.getCount());
        System.out.println("empty stats " + IntStream.empty().summaryStatistics());
        LongSummaryStatistics ls = LongStream.of(Long.MAX_VALUE / 2, 1, -5).summaryStatistics();
        System.out.println("LongSummaryStatistics " + ls);
        DoubleSummaryStatistics dss = DoubleStream.of(0.1, 0.2, 0.3, 1e-5, -0.0).summaryStatistics();
        System.out.println("DoubleSummaryStatistics " + dss + " sum " + dss.getSum());
        System.out.println("map/filter " + IntStream.range(0, 20).filter(i -> i % 3 == 0).map(i -> i * i).boxed().collect(Collectors.toList()));
        System.out.println("mapToObj " + IntStream.range(0, 5).mapToObj(i -> "#" + i).collect(Collectors.joining(" ")));
        System.out.println("mapToLong " + IntStream.of(1 << 30, 1 << 30, 1 << 30).mapToLong(i -> i).sum() + " int overflow " + IntStream.of(1 << 30, 1 << 30, 1 << 30).sum());
        System.out.println("asDoubleStream " + IntStream.of(1, 2).asDoubleStream().boxed().collect(Collectors.toList()) + " asLongStream " + IntStream.of(-1).asLongStream().sum());
        System.out.println("max/min " + IntStream.of(3, 9, -4).max().getAsInt() + " " + IntStream.of(3, 9, -4).min().getAsInt() + " " + IntStream.empty().max());
        System.out.println("reduce " + IntStream.rangeClosed(1, 10).reduce(1, (a, b) -> a * b) + " " + LongStream.rangeClosed(1, 20).reduce(1L, (a, b) -> a * b));
        System.out.println("iterate " + IntStream.iterate(1, i -> i * 2).limit(12).boxed().collect(Collectors.toList()) + " " + IntStream.iterate(100, i -> i > 0, i -> i - 33).boxed().collect(Collectors.toList()));
        System.out.println("distinct sorted " + Arrays.toString(IntStream.of(5, 3, 5, 1, 3, 9).distinct().sorted().toArray()));
        System.out.println("anyMatch " + IntStream.range(0, 1000).anyMatch(i -> i * i == 961) + " allMatch " + IntStream.range(1, 10).allMatch(i -> i > 0));
        System.out.println("chars " + "hello".chars().filter(c -> c != 'l').mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining()) + " codePoints " + "a\uD83D\uDE00b".codePoints().count());
        System.out.println("DoubleStream " + DoubleStream.of(1.5, 2.5, Double.NaN).sum() + " " + DoubleStream.of(1.5, 2.5).map(Math::sqrt).boxed().collect(Collectors.toList()) + " " + DoubleStream.iterate(1.0, d -> d / 10).limit(6).boxed().collect(Collectors.toList()));
        System.out.println("LongStream " + LongStream.range(0, 5).map(l -> l << 40).boxed().collect(Collectors.toList()));
        System.out.println("mapToInt " + Stream.of("a", "bb", "ccc").mapToInt(String::length).sum() + " mapToDouble " + Stream.of("1.5", "2.25").mapToDouble(Double::parseDouble).sum());
        System.out.println("flatMap " + IntStream.range(1, 4).flatMap(i -> IntStream.range(0, i)).boxed().collect(Collectors.toList()));
        System.out.println("findFirst " + IntStream.range(10, 20).filter(i -> i % 7 == 0).findFirst() + " " + IntStream.range(10, 13).filter(i -> i > 100).findFirst());
        System.out.println("Arrays.stream " + Arrays.stream(new int[] {3, 1, 2}).map(i -> -i).sorted().boxed().collect(Collectors.toList()) + " " + Arrays.stream(new double[] {0.5, 0.25}).sum() + " " + Arrays.stream(new long[] {7, 8}, 1, 2).sum());
        int[][] grid = IntStream.range(0, 3).mapToObj(r -> IntStream.range(0, 4).map(c -> r * 4 + c).toArray()).toArray(int[][]::new);
        System.out.println("grid " + Arrays.deepToString(grid));
        System.out.println("takeWhile/dropWhile " + IntStream.range(0, 10).takeWhile(i -> i < 4).sum() + " " + IntStream.range(0, 10).dropWhile(i -> i < 4).sum());
        System.out.println("skip/limit " + Arrays.toString(IntStream.range(0, 100).skip(95).toArray()) + " " + Arrays.toString(IntStream.range(0, 100).limit(3).toArray()));
        OptionalDouble od = DoubleStream.empty().average();
        OptionalInt oi = IntStream.of(7).findAny();
        OptionalLong ol = LongStream.of(1, 2).max();
        System.out.println("optionals " + od + " " + oi + " " + ol + " " + oi.orElse(-1) + " " + od.orElse(Double.NaN) + " " + ol.getAsLong());
        StringBuilder sb = new StringBuilder();
        IntStream.rangeClosed(1, 15).forEach(i -> sb.append(i % 15 == 0 ? "FizzBuzz" : i % 5 == 0 ? "Buzz" : i % 3 == 0 ? "Fizz" : String.valueOf(i)).append(' '));
        System.out.println(sb.toString().trim());
        System.out.println("primes " + IntStream.rangeClosed(2, 60).filter(n -> IntStream.rangeClosed(2, (int) Math.sqrt(n)).noneMatch(d -> n % d == 0)).boxed().collect(Collectors.toList()));
        System.out.println("collect " + IntStream.range(0, 5).collect(StringBuilder::new, (b, i) -> b.append(i), StringBuilder::append));
        System.out.println("boxed grouping " + IntStream.range(0, 20).boxed().collect(Collectors.groupingBy(i -> i % 3, TreeMap::new, Collectors.summingInt(i -> i))));
        Random r = new Random(42);
        System.out.println("seeded random ints " + r.ints(5, 0, 100).boxed().collect(Collectors.toList()) + " doubles " + new Random(7).doubles(2).boxed().collect(Collectors.toList()));
    }
}
