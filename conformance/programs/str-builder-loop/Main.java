public class Main {
    static String table(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                String cell = Integer.toString(i * j);
                for (int pad = cell.length(); pad < 4; pad++) sb.append(' ');
                sb.append(cell);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String collatz(long n) {
        StringBuilder sb = new StringBuilder();
        sb.append(n);
        while (n != 1) {
            n = (n % 2 == 0) ? n / 2 : 3 * n + 1;
            sb.append("->").append(n);
        }
        return sb.toString();
    }

    static String runLength(String s) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int j = i;
            while (j < s.length() && s.charAt(j) == c) j++;
            sb.append(j - i).append(c);
            i = j;
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        System.out.print(table(12));
        System.out.println(collatz(27).length() + " chars: " + collatz(27).substring(0, 60));
        System.out.println(collatz(6));
        System.out.println(runLength("aaabccddddde") + " " + runLength("") + " " + runLength("zzzzzzzzzzzz"));
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 100000; i++) big.append((char) ('a' + i % 26));
        int h = big.toString().hashCode();
        System.out.println("big length " + big.length() + " hash " + h + " tail " + big.substring(big.length() - 30));
        StringBuilder pal = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            pal.insert(0, (char) ('0' + i % 10));
            pal.append((char) ('0' + i % 10));
        }
        System.out.println("palindrome check " + pal.toString().equals(new StringBuilder(pal).reverse().toString()) + " len " + pal.length());
        StringBuilder fizz = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            if (i % 15 == 0) fizz.append("FizzBuzz");
            else if (i % 3 == 0) fizz.append("Fizz");
            else if (i % 5 == 0) fizz.append("Buzz");
            else fizz.append(i);
            if (i < 30) fizz.append(',');
        }
        System.out.println(fizz);
        String s = "";
        for (int i = 0; i < 200; i++) s = s + (i % 7);
        System.out.println("concat loop " + s.length() + " " + s.hashCode());
    }
}
