import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * GZIP round trips through GZIPOutputStream/GZIPInputStream (raw Deflater/Inflater, CRC32).
 * Compressed sizes of larger inputs depend on the zlib build, so only the header, the
 * trailer, the round trip and small outputs are printed.
 */
public class Main {
    public static void main(String[] args) throws IOException {
        roundTrip("empty", new byte[0]);
        roundTrip("hello", "hello".getBytes(StandardCharsets.UTF_8));
        roundTrip("text", "The quick brown fox jumps over the lazy dog. ".repeat(400).getBytes(StandardCharsets.UTF_8));
        byte[] noise = new byte[70_000];
        long seed = 42;
        for (int i = 0; i < noise.length; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            noise[i] = (byte) (seed >>> 56);
        }
        roundTrip("noise", noise);
        byte[] mixed = new byte[200_000];
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = (byte) ((i % 1000 < 500) ? i % 7 : noise[i % noise.length]);
        }
        roundTrip("mixed", mixed);

        // A stream HotSpot's zlib wrote: "jfork gzip test\n" x 3.
        byte[] fromJava = {31, -117, 8, 0, 0, 0, 0, 0, 0, -1, -53, 74, -53, 47, -54, 86, 72, -81,
            -54, 44, 80, 40, 73, 45, 46, -31, -54, 34, -64, 7, 0, 122, 63, -16, 47, 48, 0, 0, 0};
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(fromJava))) {
            System.out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        // Two members concatenated read as one stream.
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        two.write(gzip("first ".getBytes(StandardCharsets.UTF_8), 64));
        two.write(gzip("second".getBytes(StandardCharsets.UTF_8), 64));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(two.toByteArray()))) {
            System.out.println("members: " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        // Broken input.
        failure("not gzip", "plain text, not gzip".getBytes(StandardCharsets.UTF_8));
        byte[] good = gzip("some data to break ".repeat(20).getBytes(StandardCharsets.UTF_8), 512);
        byte[] truncated = Arrays.copyOf(good, good.length - 6);
        failure("truncated", truncated);
        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 8] ^= 1;
        failure("bad crc", badCrc);
        byte[] badBlock = good.clone();
        badBlock[10] = (byte) 0xff;
        failure("bad block", badBlock);
        failure("header only", Arrays.copyOf(good, 10));
    }

    static byte[] gzip(byte[] data, int bufferSize) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, bufferSize)) {
            // Write in uneven pieces to exercise repeated deflate calls.
            int pos = 0;
            int step = 1;
            while (pos < data.length) {
                int n = Math.min(step, data.length - pos);
                out.write(data, pos, n);
                pos += n;
                step = step * 3 + 1;
            }
        }
        return bytes.toByteArray();
    }

    static void roundTrip(String name, byte[] data) throws IOException {
        byte[] packed = gzip(data, 512);
        CRC32 crc = new CRC32();
        crc.update(data);
        int n = packed.length;
        long trailerCrc = (packed[n - 8] & 0xffL) | (packed[n - 7] & 0xffL) << 8
            | (packed[n - 6] & 0xffL) << 16 | (packed[n - 5] & 0xffL) << 24;
        long trailerSize = (packed[n - 4] & 0xffL) | (packed[n - 3] & 0xffL) << 8
            | (packed[n - 2] & 0xffL) << 16 | (packed[n - 1] & 0xffL) << 24;
        System.out.println(name + ": header " + Arrays.toString(Arrays.copyOf(packed, 10))
            + " crc " + (trailerCrc == crc.getValue()) + " size " + trailerSize
            + (data.length <= 16 ? " packed " + Arrays.toString(packed) : ""));
        for (int chunk : new int[] {1, 7, 4096}) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(packed), 64)) {
                ByteArrayOutputStream back = new ByteArrayOutputStream();
                byte[] buf = new byte[chunk];
                int r;
                while ((r = in.read(buf)) != -1) {
                    back.write(buf, 0, r);
                }
                System.out.println("  read by " + chunk + ": " + Arrays.equals(back.toByteArray(), data));
            }
        }
    }

    static void failure(String name, byte[] packed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            byte[] out = in.readAllBytes();
            System.out.println(name + ": read " + out.length);
        } catch (ZipException | EOFException e) {
            System.out.println(name + ": " + e);
        } catch (IOException e) {
            System.out.println(name + ": other " + e);
        }
    }
}
