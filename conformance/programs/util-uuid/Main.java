import java.nio.charset.StandardCharsets;
import java.util.UUID;

public class Main {
    public static void main(String[] args) {
        String[] names = {"jfork", "", "hello world", "https://example.com/resource/42"};
        for (String n : names) {
            UUID u = UUID.nameUUIDFromBytes(n.getBytes(StandardCharsets.UTF_8));
            System.out.println("[" + n + "] -> " + u + " version " + u.version() + " variant " + u.variant() + " msb " + u.getMostSignificantBits() + " lsb " + u.getLeastSignificantBits() + " hash " + u.hashCode());
        }
        UUID parsed = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        System.out.println("parsed " + parsed + " version " + parsed.version() + " timestamp " + parsed.timestamp() + " clockSequence " + parsed.clockSequence() + " node " + parsed.node());
        UUID fromBits = new UUID(0x0123456789abcdefL, 0xfedcba9876543210L);
        System.out.println("fromBits " + fromBits + " compareTo " + fromBits.compareTo(parsed) + " equals " + fromBits.equals(UUID.fromString(fromBits.toString())));
        System.out.println("short form parse " + UUID.fromString("1-2-3-4-5"));
        try {
            UUID.fromString("not-a-uuid");
        } catch (IllegalArgumentException e) {
            System.out.println("IllegalArgumentException: " + e.getMessage());
        }
        try {
            UUID.nameUUIDFromBytes(new byte[0]).timestamp();
        } catch (UnsupportedOperationException e) {
            System.out.println("timestamp on v3: " + e.getMessage());
        }
        UUID random = UUID.randomUUID();
        System.out.println("random uuid version " + random.version() + " length " + random.toString().length());
    }
}
