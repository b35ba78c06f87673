import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

public class Main {
    public static void main(String[] args) {
        Random r = new Random(42);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) sb.append(r.nextInt(100)).append(' ');
        System.out.println("nextInt(100) " + sb);
        System.out.println("nextInt " + r.nextInt() + " nextLong " + r.nextLong() + " nextBoolean " + r.nextBoolean());
        System.out.println("nextDouble " + r.nextDouble() + " nextFloat " + r.nextFloat() + " nextGaussian " + r.nextGaussian());
        byte[] bytes = new byte[8];
        r.nextBytes(bytes);
        System.out.println("nextBytes " + java.util.Arrays.toString(bytes));
        System.out.println("ints stream " + new Random(7).ints(5, 0, 10).boxed().toList());
        System.out.println("doubles sum " + new Random(7).doubles(1000).sum());
        System.out.println("nextInt(origin,bound) " + new Random(1).nextInt(50, 60) + " nextLong bound " + new Random(1).nextLong(1000L));
        Random same1 = new Random(123), same2 = new Random(123);
        boolean allSame = true;
        for (int i = 0; i < 1000; i++) if (same1.nextInt() != same2.nextInt()) allSame = false;
        System.out.println("same seed same sequence " + allSame);
        List<Integer> deck = new ArrayList<>();
        for (int i = 1; i <= 20; i++) deck.add(i);
        Collections.shuffle(deck, new Random(2024));
        System.out.println("shuffled " + deck);
        int[] hist = new int[6];
        Random dice = new Random(99);
        for (int i = 0; i < 6000; i++) hist[dice.nextInt(6)]++;
        System.out.println("dice histogram " + java.util.Arrays.toString(hist));
        Random setSeed = new Random(0);
        setSeed.setSeed(42);
        System.out.println("setSeed matches " + (setSeed.nextInt(100) == new Random(42).nextInt(100)));
        double pi = 0;
        Random mc = new Random(31337);
        int inside = 0;
        for (int i = 0; i < 100000; i++) {
            double x = mc.nextDouble(), y = mc.nextDouble();
            if (x * x + y * y <= 1) inside++;
        }
        pi = 4.0 * inside / 100000;
        System.out.println("monte carlo pi " + pi + " inside " + inside);
        try {
            r.nextInt(0);
        } catch (IllegalArgumentException e) {
            System.out.println("nextInt(0): " + e.getMessage());
        }
    }
}
