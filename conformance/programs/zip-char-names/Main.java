/** Character.getName and codePointOf: both read the JDK's compressed uniName.dat (InflaterInputStream). */
public class Main {
    public static void main(String[] args) {
        int[] codePoints = {'A', 'z', ' ', '\n', 0x7f, 0xe9, 0x3a9, 0x4e2d, 0xac00, 0xd7a3, 0x1f600, 0x10ffff, 0xe000, 0xfffe, 0x20ac, 0x1d11e};
        for (int cp : codePoints) {
            System.out.println(Integer.toHexString(cp) + " " + Character.getName(cp));
        }
        String[] names = {"LATIN SMALL LETTER B", "latin small letter b", "GRINNING FACE", "CJK UNIFIED IDEOGRAPH-4E2D", "HANGUL SYLLABLE GA", "NO SUCH CHARACTER"};
        for (String name : names) {
            try {
                System.out.println(name + " -> " + Integer.toHexString(Character.codePointOf(name)));
            } catch (IllegalArgumentException e) {
                System.out.println(name + " -> " + e);
            }
        }
        try {
            Character.getName(0x110000);
        } catch (IllegalArgumentException e) {
            System.out.println(e);
        }
    }
}
