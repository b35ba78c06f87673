public class Main {
    public static void main(String[] args) {
        System.out.println("argc=" + args.length);
        for (int i = 0; i < args.length; i++) {
            System.out.println("arg[" + i + "]=<" + args[i] + "> length=" + args[i].length());
        }
        int total = 0;
        for (String a : args) {
            try {
                total += Integer.parseInt(a);
            } catch (NumberFormatException e) {
                System.out.println("not a number: " + a);
            }
        }
        System.out.println("numeric total=" + total);
        System.out.println("joined=" + String.join("|", args));
    }
}
