import java.util.stream.Collectors;

public class Main {
    public static void main(String[] args) {
        String text = "The Quick Brown Fox Jumps Over The Lazy Dog 1234567890 !?";
        System.out.println("upper count " + text.chars().filter(Character::isUpperCase).count());
        System.out.println("digits sum " + text.chars().filter(Character::isDigit).map(c -> c - '0').sum());
        System.out.println("vowels " + text.chars().filter(c -> "aeiouAEIOU".indexOf(c) >= 0).mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining()));
        System.out.println("letters lower sorted distinct " + text.toLowerCase().chars().filter(Character::isLetter).distinct().sorted().mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining()));
        System.out.println("non-alnum " + text.chars().filter(c -> !Character.isLetterOrDigit(c) && c != ' ').mapToObj(Character::toString).toList());
        System.out.println("max char " + (char) text.chars().max().getAsInt() + " min non-space " + (char) text.chars().filter(c -> c != ' ').min().getAsInt());
        System.out.println("word lengths " + java.util.Arrays.stream(text.split(" ")).map(String::length).toList());
        System.out.println("capitalized words " + java.util.Arrays.stream(text.split(" ")).filter(w -> !w.isEmpty() && Character.isUpperCase(w.charAt(0))).count());
        System.out.println("codePoints " + "a\uD83D\uDE00b".codePoints().mapToObj(Integer::toHexString).toList() + " chars " + "a\uD83D\uDE00b".chars().mapToObj(Integer::toHexString).toList());
        String pal = "A man, a plan, a canal: Panama";
        String cleaned = pal.chars().filter(Character::isLetterOrDigit).map(Character::toLowerCase).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        System.out.println("cleaned " + cleaned + " palindrome " + cleaned.equals(new StringBuilder(cleaned).reverse().toString()));
        System.out.println("char frequency " + "mississippi".chars().boxed().collect(Collectors.groupingBy(c -> (char) c.intValue(), java.util.TreeMap::new, Collectors.counting())));
        System.out.println("anyMatch whitespace " + "nospace".chars().anyMatch(Character::isWhitespace) + " allMatch lower " + "abc".chars().allMatch(Character::isLowerCase));
    }
}
