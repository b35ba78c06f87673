public class Main {
    public static void main(String[] args) {
        StringBuilder sb = new StringBuilder();
        for (char c = 'a'; c <= 'z'; c++) sb.append(c);
        System.out.println(sb + " " + sb.length());
        sb.chars().filter(ch -> "aeiou".indexOf(ch) >= 0).forEach(ch -> System.out.print((char) ch));
        System.out.println();
        StringBuilder caps = new StringBuilder();
        sb.chars().map(Character::toUpperCase).forEach(ch -> caps.append((char) ch));
        System.out.println(caps);
        char[] buf = new char[5];
        sb.getChars(3, 8, buf, 0);
        System.out.println("getChars " + new String(buf) + " " + String.valueOf(buf, 1, 3));
        StringBuilder swap = new StringBuilder("Hello World 123");
        for (int i = 0; i < swap.length(); i++) {
            char c = swap.charAt(i);
            swap.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.isLowerCase(c) ? Character.toUpperCase(c) : c == ' ' ? '_' : (char) (c + 1));
        }
        System.out.println("swapcase " + swap);
        StringBuilder hex = new StringBuilder();
        for (byte b : "jfork".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        System.out.println("hex " + hex);
        StringBuilder cp = new StringBuilder().appendCodePoint(0x1F600).append('x').appendCodePoint(0x10FFFF);
        System.out.println("codePoints " + cp.codePoints().count() + " chars " + cp.chars().count() + " length " + cp.length());
        StringBuilder alpha = new StringBuilder();
        for (int i = 0; i < 52; i++) alpha.append((char) (i < 26 ? 'A' + i : 'a' + i - 26));
        System.out.println(alpha.reverse() + " idx " + alpha.indexOf("z") + " last " + alpha.lastIndexOf("A"));
        StringBuilder pyramid = new StringBuilder();
        for (int row = 1; row <= 5; row++) {
            pyramid.append(" ".repeat(5 - row));
            for (int k = 0; k < row; k++) pyramid.append((char) ('0' + row)).append(' ');
            pyramid.setLength(pyramid.length() - 1);
            pyramid.append('\n');
        }
        System.out.print(pyramid);
        String s = "Mississippi";
        StringBuilder dedup = new StringBuilder();
        s.chars().distinct().forEach(ch -> dedup.append((char) ch));
        System.out.println("distinct chars " + dedup + " charAt via stream " + (char) s.chars().skip(4).findFirst().getAsInt());
    }
}
