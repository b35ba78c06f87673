/** Start-up benchmark: the smallest program that boots the class library and prints. */
public class Hello {
    public static void main(String[] args) {
        System.out.println("Hello, world!");
    }
}
