import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;

public class Main {
    public static void main(String[] args) throws IOException {
        InputStream raw = System.in;
        System.out.println("available=" + raw.available());
        int b = raw.read();
        System.out.println("first read=" + b);
        byte[] buf = new byte[16];
        System.out.println("read(buf)=" + raw.read(buf));
        BufferedReader in = new BufferedReader(new InputStreamReader(raw));
        System.out.println("readLine=" + in.readLine());
        System.out.println("ready=" + in.ready());
        java.util.Scanner sc = new java.util.Scanner(System.in);
        System.out.println("hasNextLine=" + sc.hasNextLine() + " hasNextInt=" + sc.hasNextInt());
        try {
            sc.nextLine();
        } catch (java.util.NoSuchElementException e) {
            System.out.println("nextLine on empty: " + e.getMessage());
        }
    }
}
