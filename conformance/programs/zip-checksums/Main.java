import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** CRC32, Adler32 and CRC32C over bytes, arrays, slices, heap, direct and read-only buffers. */
public class Main {
    public static void main(String[] args) {
        byte[][] inputs = {
            new byte[0],
            "a".getBytes(StandardCharsets.UTF_8),
            "123456789".getBytes(StandardCharsets.UTF_8),
            "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8),
            pattern(100_000),
            filled(70_000, (byte) 0xff),
        };
        for (byte[] input : inputs) {
            System.out.println("length " + input.length + ":");
            check("CRC32", new CRC32(), input);
            check("Adler32", new Adler32(), input);
            check("CRC32C", new CRC32C(), input);
        }
        CRC32 crc = new CRC32();
        crc.update(pattern(5000), 123, 4000);
        System.out.println("slice " + crc.getValue());
        crc.reset();
        System.out.println("reset " + crc.getValue());
        Adler32 adler = new Adler32();
        System.out.println("adler initial " + adler.getValue());
        try {
            crc.update(new byte[4], 3, 2);
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println("bounds: " + e.getClass().getName());
        }
        try {
            adler.update((byte[]) null, 0, 0);
        } catch (NullPointerException e) {
            System.out.println("null: " + e.getClass().getName());
        }
    }

    static void check(String name, Checksum c, byte[] input) {
        c.update(input, 0, input.length);
        long whole = c.getValue();
        c.reset();
        for (byte b : input) {
            c.update(b & 0xff);
        }
        long single = c.getValue();
        c.reset();
        int half = input.length / 3;
        c.update(input, 0, half);
        c.update(ByteBuffer.wrap(input, half, input.length - half));
        long split = c.getValue();
        c.reset();
        ByteBuffer direct = ByteBuffer.allocateDirect(input.length + 16);
        direct.position(16);
        direct.put(input);
        direct.position(16);
        c.update(direct);
        long fromDirect = c.getValue();
        c.reset();
        ByteBuffer readOnly = ByteBuffer.wrap(input).asReadOnlyBuffer();
        c.update(readOnly);
        long fromReadOnly = c.getValue();
        System.out.println("  " + name + " " + Long.toHexString(whole) + " same " + (single == whole)
            + " " + (split == whole) + " " + (fromDirect == whole) + " " + (fromReadOnly == whole)
            + " buffers at end " + direct.remaining() + " " + readOnly.remaining());
        c.reset();
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >> 8));
        }
        return b;
    }

    static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, value);
        return b;
    }
}
