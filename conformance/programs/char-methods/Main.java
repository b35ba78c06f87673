public class Main {
    public static void main(String[] args) {
        char[] cs = {'a', 'Z', '5', ' ', '\t', '\n', '_', '$', '!', '\u00e9', '\u0660', '\u2028', '\u00a0', '\u0000'};
        for (char c : cs) {
            System.out.println("U+" + String.format("%04X", (int) c) + " letter=" + Character.isLetter(c) + " digit=" + Character.isDigit(c) + " letterOrDigit=" + Character.isLetterOrDigit(c)
                + " alpha=" + Character.isAlphabetic(c) + " upper=" + Character.isUpperCase(c) + " lower=" + Character.isLowerCase(c) + " ws=" + Character.isWhitespace(c)
                + " space=" + Character.isSpaceChar(c) + " javaStart=" + Character.isJavaIdentifierStart(c) + " javaPart=" + Character.isJavaIdentifierPart(c) + " iso=" + Character.isISOControl(c)
                + " type=" + Character.getType(c) + " numeric=" + Character.getNumericValue(c) + " digit10=" + Character.digit(c, 10));
        }
        System.out.println("toUpperCase " + Character.toUpperCase('q') + " " + (int) Character.toUpperCase('\u00e9') + " toLowerCase " + Character.toLowerCase('Q') + " toTitleCase " + (int) Character.toTitleCase('\u01c6'));
        System.out.println("toChars " + Character.toChars(0x1F600).length + " isSurrogate " + Character.isSurrogate('\uD83D') + " isHigh " + Character.isHighSurrogate('\uD83D') + " toCodePoint " + Character.toCodePoint('\uD83D', '\uDE00'));
        System.out.println("isSupplementary " + Character.isSupplementaryCodePoint(0x1F600) + " charCount " + Character.charCount(0x1F600) + " isValid " + Character.isValidCodePoint(0x110000) + " isBmp " + Character.isBmpCodePoint(0xFFFF));
        System.out.println("getName " + Character.getName('A') + " / " + Character.getName(0x1F600));
        System.out.println("UnicodeBlock " + Character.UnicodeBlock.of('A') + " " + Character.UnicodeBlock.of('\u0416') + " script " + Character.UnicodeScript.of('\u0416'));
        System.out.println("digit hex " + Character.digit('F', 16) + " " + Character.digit('g', 16) + " forDigit " + Character.forDigit(35, 36) + " " + (int) Character.forDigit(10, 10));
        System.out.println("compare " + Character.compare('a', 'b') + " MIN_RADIX " + Character.MIN_RADIX + " MAX_RADIX " + Character.MAX_RADIX + " toString " + Character.toString(65) + " valueOf " + Character.valueOf('x'));
        System.out.println("isMirrored " + Character.isMirrored('(') + " isDefined " + Character.isDefined('\uFFFF') + " isIdeographic " + Character.isIdeographic(0x4E00) + " isTitleCase " + Character.isTitleCase('\u01c5'));
    }
}
