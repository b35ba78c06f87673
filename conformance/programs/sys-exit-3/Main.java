public class Main {
    public static void main(String[] args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) sb.append("line ").append(i).append('\n');
        System.out.print(sb);
        System.err.println("error output before exit");
        System.out.print("partial line without newline");
        System.exit(3);
    }
}
