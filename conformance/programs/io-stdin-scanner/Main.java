import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner sc = new Scanner(System.in);
        int n = sc.nextInt();
        int[][] m = new int[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i][j] = sc.nextInt();
        sc.nextLine();
        String title = sc.nextLine();
        System.out.println("title: " + title);
        long trace = 0;
        for (int i = 0; i < n; i++) trace += m[i][i];
        System.out.println("trace=" + trace);
        int[][] t = new int[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) t[j][i] = m[i][j];
        for (int[] row : t) System.out.println(java.util.Arrays.toString(row));
        while (sc.hasNext()) {
            if (sc.hasNextDouble()) System.out.println("double " + sc.nextDouble());
            else System.out.println("word " + sc.next());
        }
    }
}
