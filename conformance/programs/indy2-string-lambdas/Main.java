import java.util.*;
import java.util.function.*;
import java.util.regex.*;
import java.util.stream.*;

public class Main {
    public static void main(String[] args) {
        String text = "The quick brown Fox jumps over the lazy Dog; the END.";
        System.out.println("chars upper count " + text.chars().filter(Character::isUpperCase).count() + " letters " + text.chars().filter(Character::isLetter).count());
        System.out.println("char frequency " + text.toLowerCase().chars().filter(Character::isLetter).boxed().collect(Collectors.groupingBy(c -> (char) c.intValue(), TreeMap::new, Collectors.counting())));
        System.out.println("words by length " + Arrays.stream(text.split("\\W+")).collect(Collectors.groupingBy(String::length, TreeMap::new, Collectors.toCollection(TreeSet::new))));
        System.out.println("capitalized " + Arrays.stream(text.split(" ")).map(w -> w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1).toLowerCase()).collect(Collectors.joining(" ")));
        System.out.println("reversed words " + Arrays.stream(text.split(" ")).map(w -> new StringBuilder(w).reverse().toString()).collect(Collectors.joining(" ")));
        System.out.println("codePoints " + "a\uD83D\uDE00b\u00e9".codePoints().mapToObj(cp -> Integer.toHexString(cp)).collect(Collectors.joining(",")));
        String multi = "line one\nline two\r\n\nline four  \n";
        System.out.println("lines " + multi.lines().map(String::strip).filter(Predicate.not(String::isEmpty)).collect(Collectors.toList()));
        System.out.println("transform " + "  padded ".transform(String::strip).transform(s -> s + "!").transform(String::length));
        System.out.println("indent [" + "a\nb".indent(2).replace("\n", "|") + "]");
        Pattern p = Pattern.compile("(\\w)(\\w*)");
        System.out.println("replaceAll lambda " + p.matcher("hello big world").replaceAll(m -> m.group(1).toUpperCase() + m.group(2)));
        System.out.println("matcher results " + Pattern.compile("\\d+").matcher("a1b22c333").results().map(MatchResult::group).collect(Collectors.toList()));
        System.out.println("splitAsStream " + Pattern.compile(",\\s*").splitAsStream("x, y,z,  w").map(String::toUpperCase).collect(Collectors.toList()));
        System.out.println("asPredicate " + Stream.of("abc", "a1", "99", "").filter(Pattern.compile("^\\d+$").asPredicate()).collect(Collectors.toList()) + " asMatchPredicate " + Stream.of("abc", "ab").filter(Pattern.compile("ab").asMatchPredicate()).count());
        StringJoiner sj = new StringJoiner(", ", "{", "}");
        sj.setEmptyValue("EMPTY");
        System.out.println("joiner empty " + sj);
        List.of("x", "y").forEach(sj::add);
        System.out.println("joiner " + sj + " length " + sj.length());
        System.out.println("String.join " + String.join("-", List.of("a", "b", "c")) + " " + String.join("", new ArrayList<String>()));
        System.out.println("repeat " + "ab".repeat(3) + " blank " + " \t".isBlank() + " strip [" + "\u2003 x \u2003".strip() + "] trim [" + "\u2003 x \u2003".trim().length() + "]");
        Function<String, String> caesar = s -> s.chars().map(c -> Character.isLowerCase(c) ? 'a' + (c - 'a' + 3) % 26 : c).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        System.out.println("caesar " + caesar.apply("xyz abc") + " twice " + caesar.andThen(caesar).apply("hello"));
        BiFunction<String, String, Boolean> anagram = (a, b) -> Arrays.equals(a.chars().sorted().toArray(), b.chars().sorted().toArray());
        System.out.println("anagram " + anagram.apply("listen", "silent") + " " + anagram.apply("abc", "abd"));
        Predicate<String> palindrome = s -> { String c = s.toLowerCase().replaceAll("[^a-z]", ""); return new StringBuilder(c).reverse().toString().equals(c); };
        System.out.println("palindromes " + Stream.of("Racecar", "A man, a plan, a canal: Panama", "nope").map(s -> s + "=" + palindrome.test(s)).collect(Collectors.joining("; ")));
        System.out.println("compareTo " + Stream.of("b", "A", "a", "B", "ä").sorted().collect(Collectors.toList()) + " CI " + Stream.of("b", "A", "a", "B").sorted(String::compareToIgnoreCase).collect(Collectors.toList()));
        StringBuilder sb = new StringBuilder();
        IntStream.range(0, 5).mapToObj(i -> (char) ('e' - i)).forEach(sb::append);
        sb.insert(0, '[').append(']').setCharAt(1, 'E');
        System.out.println("builder " + sb + " " + sb.chars().sum() + " indexOf " + sb.indexOf("c") + " reverse " + sb.reverse());
        System.out.println("valueOf " + String.valueOf(new char[] {'o', 'k'}) + String.valueOf(3.0f) + String.valueOf(true) + String.valueOf((Object) null) + " copyValueOf " + String.copyValueOf(new char[] {'a', 'b', 'c'}, 1, 2));
        System.out.println("format numbers " + IntStream.of(1, 22, 333).mapToObj(i -> String.format("%04d", i)).collect(Collectors.joining("|")));
        System.out.println("chars to upper via map " + "mixed Case".chars().map(Character::toUpperCase).mapToObj(Character::toString).collect(Collectors.joining()));
        System.out.println("regionMatches " + "Hello".regionMatches(true, 1, "XELL", 1, 3) + " contentEquals " + "abc".contentEquals(new StringBuilder("abc")) + " hash " + "hash me".hashCode() + " intern " + (new String("lit").intern() == "lit"));
    }
}
