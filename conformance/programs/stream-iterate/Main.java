import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class Main {
    public static void main(String[] args) {
        System.out.println("powers of 2 " + Stream.iterate(1L, x -> x * 2).limit(16).toList());
        System.out.println("collatz 27 length " + Stream.iterate(27L, x -> x != 1, x -> x % 2 == 0 ? x / 2 : 3 * x + 1).count());
        System.out.println("fib pairs " + Stream.iterate(new long[] {0, 1}, p -> new long[] {p[1], p[0] + p[1]}).limit(20).map(p -> p[0]).toList());
        System.out.println("big factorials " + Stream.iterate(new BigInteger[] {BigInteger.ONE, BigInteger.ONE}, p -> new BigInteger[] {p[0].add(BigInteger.ONE), p[1].multiply(p[0].add(BigInteger.ONE))}).skip(24).limit(2).map(p -> p[0] + "!=" + p[1]).collect(Collectors.joining(", ")));
        System.out.println("strings " + Stream.iterate("a", s -> s.length() < 6, s -> s + (char) (s.charAt(s.length() - 1) + 1)).toList());
        int[] counter = {0};
        System.out.println("generate " + Stream.generate(() -> ++counter[0] * 10).limit(5).toList());
        System.out.println("iterate takeWhile " + Stream.iterate(1, i -> i * 3).takeWhile(i -> i < 1000).toList());
        List<Double> newton = Stream.iterate(1.0, x -> (x + 2 / x) / 2).limit(6).toList();
        System.out.println("newton sqrt2 " + newton);
        System.out.println("cycle " + Stream.iterate(0, i -> (i + 1) % 3).limit(10).map(String::valueOf).collect(Collectors.joining("")));
        System.out.println("reduce of iterate " + Stream.iterate(1, i -> i + 1).limit(100).reduce(0, Integer::sum) + " lazy peek count " + Stream.iterate(1, i -> i + 1).peek(i -> counter[0]++).filter(i -> i % 7 == 0).findFirst().get() + " counter " + counter[0]);
    }
}
