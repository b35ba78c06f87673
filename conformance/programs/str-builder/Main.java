public class Main {
    public static void main(String[] args) {
        StringBuilder sb = new StringBuilder();
        sb.append(1).append(' ').append(2L).append(' ').append(3.5f).append(' ').append(4.25).append(' ')
          .append(true).append(' ').append('c').append(' ').append("str").append(' ')
          .append((Object) null).append(' ').append((String) null).append(' ')
          .append(new char[] {'x', 'y'}).append(' ').append(Integer.valueOf(7)).append(' ')
          .append(-0.0).append(' ').append(Double.NaN).append(' ').append(Long.MIN_VALUE)
          .append(' ').append(1e21).append(' ').append(1e-5f);
        System.out.println(sb);
        System.out.println("length=" + sb.length());
        StringBuilder b = new StringBuilder("hello");
        b.insert(0, "[").insert(b.length(), ']').insert(3, 99).insert(1, 2.5).insert(2, false);
        System.out.println(b);
        b.reverse();
        System.out.println(b);
        b.deleteCharAt(0).deleteCharAt(b.length() - 1);
        System.out.println(b);
        b.delete(2, 5);
        System.out.println(b);
        b.replace(0, 2, "REPL");
        System.out.println(b);
        b.setCharAt(0, 'r');
        b.setLength(6);
        System.out.println(b + " len=" + b.length());
        System.out.println("indexOf=" + b.indexOf("P") + " charAt=" + b.charAt(1) + " substring=" + b.substring(2));
        StringBuilder sur = new StringBuilder("a\uD83D\uDE00b");
        sur.reverse();
        System.out.println("surrogate reverse length=" + sur.length() + " cp=" + sur.codePointAt(1));
        StringBuilder cap = new StringBuilder(2);
        for (int i = 0; i < 50; i++) cap.append(i % 10);
        System.out.println(cap + " " + cap.length());
        System.out.println("compareTo=" + new StringBuilder("abc").compareTo(new StringBuilder("abd")));
        try {
            new StringBuilder("abc").deleteCharAt(5);
        } catch (StringIndexOutOfBoundsException e) {
            System.out.println("caught: " + e.getMessage());
        }
        try {
            new StringBuilder("abc").insert(10, "x");
        } catch (StringIndexOutOfBoundsException e) {
            System.out.println("caught: " + e.getMessage());
        }
        StringBuffer buf = new StringBuffer();
        buf.append("buf").append(1).append('!');
        System.out.println(buf.reverse());
        StringBuilder cp = new StringBuilder();
        cp.appendCodePoint(0x1F600).appendCodePoint(65);
        System.out.println("codepoints length=" + cp.length() + " count=" + cp.codePointCount(0, cp.length()));
    }
}
