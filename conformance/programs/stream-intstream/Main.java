import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.DoubleStream;

public class Main {
    public static void main(String[] args) {
        System.out.println("range sum " + IntStream.range(0, 100).sum() + " rangeClosed sum " + IntStream.rangeClosed(1, 100).sum());
        System.out.println("squares " + Arrays.toString(IntStream.rangeClosed(1, 10).map(i -> i * i).toArray()));
        System.out.println("primes " + IntStream.rangeClosed(2, 60).filter(n -> IntStream.rangeClosed(2, (int) Math.sqrt(n)).noneMatch(d -> n % d == 0)).boxed().collect(Collectors.toList()));
        System.out.println("factorial 20 " + LongStream.rangeClosed(1, 20).reduce(1L, (a, b) -> a * b));
        System.out.println("max " + IntStream.of(3, -1, 7, 2).max().getAsInt() + " min " + IntStream.of(3, -1, 7, 2).min().getAsInt() + " empty max present " + IntStream.empty().max().isPresent());
        System.out.println("average " + IntStream.of(1, 2, 3, 4).average().getAsDouble() + " empty average " + IntStream.empty().average());
        System.out.println("stats " + IntStream.rangeClosed(1, 5).summaryStatistics());
        System.out.println("double stats " + DoubleStream.of(1.5, 2.5, -1.0).summaryStatistics());
        System.out.println("mapToObj " + IntStream.range(0, 5).mapToObj(i -> "i" + i).collect(Collectors.joining(",")));
        System.out.println("asLongStream " + IntStream.of(Integer.MAX_VALUE, Integer.MAX_VALUE).asLongStream().sum() + " int overflow " + IntStream.of(Integer.MAX_VALUE, 1).sum());
        System.out.println("iterate " + Arrays.toString(IntStream.iterate(1, i -> i * 3).limit(8).toArray()) + " iterate with predicate " + Arrays.toString(IntStream.iterate(1, i -> i < 200, i -> i * 2).toArray()));
        System.out.println("chars " + "Hello World".chars().filter(Character::isUpperCase).mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining()));
        System.out.println("distinct sorted " + Arrays.toString(IntStream.of(5, 1, 5, 3, 1, 9).distinct().sorted().toArray()));
        System.out.println("anyMatch " + IntStream.range(0, 10).anyMatch(i -> i == 7) + " count " + IntStream.range(0, 1000).filter(i -> i % 7 == 0).count());
        System.out.println("reduce " + IntStream.rangeClosed(1, 5).reduce((a, b) -> a * 10 + b).getAsInt());
        System.out.println("double map " + Arrays.toString(IntStream.range(1, 5).mapToDouble(i -> 1.0 / i).toArray()));
        System.out.println("sum of doubles " + DoubleStream.of(0.1, 0.2, 0.3).sum() + " boxed " + LongStream.range(0, 3).boxed().toList());
        int[] data = {4, 8, 15, 16, 23, 42};
        System.out.println("indices of even " + IntStream.range(0, data.length).filter(i -> data[i] % 2 == 0).boxed().toList());
        System.out.println("Arrays.stream " + Arrays.stream(data, 1, 4).sum() + " parallel sum " + IntStream.rangeClosed(1, 10000).parallel().sum());
    }
}
