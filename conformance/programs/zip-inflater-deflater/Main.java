import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Deflater and Inflater directly: dictionaries and their Adler-32 ids, getAdler, nowrap,
 * levels and strategies changed in mid-stream, flush modes, reset and reuse, heap and direct
 * ByteBuffers, and zlib's errors. Sizes of compressed larger inputs depend on the zlib
 * build, so those are checked by round trip only.
 */
public class Main {
    static final byte[] TEXT = ("It was the best of times, it was the worst of times, it was the age of wisdom, "
        + "it was the age of foolishness. ").repeat(30).getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        small();
        dictionary();
        nowrap();
        levels();
        flushes();
        buffers();
        errors();
        states();
    }

    static void small() throws DataFormatException {
        for (int level : new int[] {-1, 0, 1, 5, 6, 9}) {
            Deflater d = new Deflater(level);
            d.setInput("hello hello".getBytes(StandardCharsets.UTF_8));
            d.finish();
            byte[] out = new byte[64];
            int n = d.deflate(out);
            System.out.println("level " + level + ": " + Arrays.toString(Arrays.copyOf(out, n))
                + " adler " + d.getAdler() + " in " + d.getBytesRead() + " out " + d.getBytesWritten());
            d.end();
        }
        Inflater i = new Inflater();
        i.setInput(new byte[] {120, -100, -53, 72, -51, -55, -55, 87, -56, 0, -111, 0, 25, -111, 4, 73});
        byte[] out = new byte[64];
        int n = i.inflate(out);
        System.out.println("inflated " + new String(out, 0, n, StandardCharsets.UTF_8) + " finished "
            + i.finished() + " adler " + i.getAdler() + " in " + i.getBytesRead() + " out " + i.getBytesWritten()
            + " remaining " + i.getRemaining());
        i.end();
    }

    static void dictionary() throws DataFormatException {
        byte[] dict = "best of times worst of times age of wisdom foolishness".getBytes(StandardCharsets.UTF_8);
        Adler32 a = new Adler32();
        a.update(dict);
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        System.out.println("adler before dictionary " + d.getAdler());
        d.setDictionary(dict);
        System.out.println("dictionary id " + d.getAdler() + " = " + a.getValue());
        d.setInput(TEXT);
        d.finish();
        byte[] packed = new byte[TEXT.length];
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(packed, n, packed.length - n);
        }
        System.out.println("header " + packed[0] + " " + packed[1] + " (dictionary flag " + ((packed[1] & 0x20) != 0) + ")");
        System.out.println("adler after " + d.getAdler());
        try {
            d.setDictionary(dict);
            System.out.println("dictionary after finish accepted");
        } catch (IllegalArgumentException e) {
            System.out.println("dictionary after finish: " + e);
        }
        Deflater started = new Deflater();
        started.setInput(TEXT);
        started.deflate(new byte[10]);
        try {
            started.setDictionary(dict);
        } catch (IllegalArgumentException e) {
            System.out.println("dictionary in mid-stream: " + e);
        }
        started.end();

        Inflater i = new Inflater();
        i.setInput(packed, 0, n);
        byte[] out = new byte[TEXT.length + 10];
        int r = i.inflate(out);
        System.out.println("needs dictionary " + i.needsDictionary() + " produced " + r + " adler " + i.getAdler());
        try {
            i.setDictionary("wrong".getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            System.out.println("wrong dictionary: " + e);
        }
        i.setDictionary(dict);
        System.out.println("needs dictionary now " + i.needsDictionary());
        int total = 0;
        while (!i.finished()) {
            total += i.inflate(out, total, out.length - total);
        }
        System.out.println("inflated " + total + " same " + Arrays.equals(Arrays.copyOf(out, total), TEXT)
            + " adler " + i.getAdler() + " read " + i.getBytesRead() + " = " + n);
        i.end();
        d.end();
    }

    static void nowrap() throws DataFormatException {
        Deflater d = new Deflater(6, true);
        System.out.println("raw adler " + d.getAdler());
        byte[] dict = "of times".getBytes(StandardCharsets.UTF_8);
        d.setDictionary(dict);
        System.out.println("raw adler after dictionary " + d.getAdler());
        byte[] packed = deflateAll(d, TEXT, 100);
        System.out.println("raw adler after " + d.getAdler());
        Inflater i = new Inflater(true);
        System.out.println("raw inflater adler " + i.getAdler());
        i.setDictionary(dict);
        byte[] back = inflateAll(i, packed, 33);
        System.out.println("raw round trip " + Arrays.equals(back, TEXT) + " adler " + i.getAdler()
            + " needs input " + i.needsInput());
    }

    static void levels() throws DataFormatException {
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        byte[] out = new byte[TEXT.length * 2];
        int n = 0;
        d.setInput(TEXT, 0, 1000);
        n += d.deflate(out, n, out.length - n);
        d.setLevel(Deflater.BEST_COMPRESSION);
        d.setStrategy(Deflater.FILTERED);
        d.setInput(TEXT, 1000, 1000);
        n += d.deflate(out, n, out.length - n);
        d.setLevel(Deflater.NO_COMPRESSION);
        d.setStrategy(Deflater.DEFAULT_STRATEGY);
        d.setInput(TEXT, 2000, 1000);
        n += d.deflate(out, n, out.length - n);
        d.setStrategy(Deflater.HUFFMAN_ONLY);
        d.setInput(TEXT, 3000, TEXT.length - 3000);
        d.finish();
        while (!d.finished()) {
            n += d.deflate(out, n, out.length - n);
        }
        System.out.println("levels read " + d.getBytesRead() + " adler " + d.getAdler());
        Inflater i = new Inflater();
        byte[] back = inflateAll(i, Arrays.copyOf(out, n), 100);
        System.out.println("levels round trip " + Arrays.equals(back, TEXT));
        try {
            d.setLevel(12);
        } catch (IllegalArgumentException e) {
            System.out.println("level 12: " + e);
        }
        try {
            d.setStrategy(7);
        } catch (IllegalArgumentException e) {
            System.out.println("strategy 7: " + e);
        }
    }

    static void flushes() throws DataFormatException {
        Deflater d = new Deflater();
        byte[] out = new byte[TEXT.length * 2];
        int n = 0;
        Inflater i = new Inflater();
        byte[] back = new byte[TEXT.length];
        int got = 0;
        int[] modes = {Deflater.SYNC_FLUSH, Deflater.FULL_FLUSH, Deflater.NO_FLUSH, Deflater.SYNC_FLUSH};
        for (int part = 0; part < 4; part++) {
            int from = part * TEXT.length / 4;
            int to = (part + 1) * TEXT.length / 4;
            d.setInput(TEXT, from, to - from);
            int before = n;
            while (!d.needsInput() || (modes[part] != Deflater.NO_FLUSH && n == before)) {
                int m = d.deflate(out, n, out.length - n, modes[part]);
                n += m;
                if (m == 0) {
                    break;
                }
            }
            if (modes[part] != Deflater.NO_FLUSH) {
                // Everything given so far can be inflated now.
                i.setInput(out, before, n - before);
                while (!i.needsInput()) {
                    got += i.inflate(back, got, back.length - got);
                }
                System.out.println("after flush " + part + ": inflated " + got + " of " + to
                    + " tail " + (out[n - 1] & 0xff) + " " + (out[n - 2] & 0xff));
            }
        }
        d.finish();
        int before = n;
        while (!d.finished()) {
            n += d.deflate(out, n, out.length - n);
        }
        i.setInput(out, before, n - before);
        while (!i.finished()) {
            got += i.inflate(back, got, back.length - got);
        }
        System.out.println("flushed round trip " + Arrays.equals(back, TEXT) + " got " + got);
    }

    static void buffers() throws DataFormatException {
        for (boolean directIn : new boolean[] {false, true}) {
            for (boolean directOut : new boolean[] {false, true}) {
                Deflater d = new Deflater();
                ByteBuffer in = directIn ? ByteBuffer.allocateDirect(TEXT.length) : ByteBuffer.allocate(TEXT.length);
                in.put(TEXT).flip();
                d.setInput(in);
                d.finish();
                ByteBuffer packed = directOut ? ByteBuffer.allocateDirect(TEXT.length) : ByteBuffer.allocate(TEXT.length);
                while (!d.finished()) {
                    d.deflate(packed, Deflater.NO_FLUSH);
                }
                packed.flip();
                int packedSize = packed.remaining();
                Inflater i = new Inflater();
                ByteBuffer src = directIn ? ByteBuffer.allocateDirect(packedSize) : ByteBuffer.allocate(packedSize);
                src.put(packed).flip();
                i.setInput(src);
                ByteBuffer back = directOut ? ByteBuffer.allocateDirect(TEXT.length) : ByteBuffer.allocate(TEXT.length);
                while (!i.finished()) {
                    i.inflate(back);
                }
                back.flip();
                byte[] b = new byte[back.remaining()];
                back.get(b);
                System.out.println("buffers direct in " + directIn + " out " + directOut + ": "
                    + Arrays.equals(b, TEXT) + " input left " + in.remaining() + " src left " + src.remaining()
                    + " adler " + i.getAdler() + " = " + d.getAdler());
                d.end();
                i.end();
            }
        }
    }

    static void errors() {
        byte[][] inputs = {
            {1, 2, 3, 4},
            {120, -100, -1, -1, -1},
            {120, -100, 0, 5, 0, 1, 0},
            {120, -100, -53, 72, -51, -55, -55, 87, -56, 0, -111, 0, 25, -111, 4, 74},
            {120, -100, 4, 0},
            {0x78, 0x5e, 1, 2},
            {8, 29, 1, 2},
        };
        for (byte[] input : inputs) {
            Inflater i = new Inflater();
            i.setInput(input);
            try {
                byte[] out = new byte[64];
                int n = i.inflate(out);
                System.out.println(Arrays.toString(input) + ": inflated " + n + " finished " + i.finished()
                    + " needs input " + i.needsInput());
            } catch (DataFormatException e) {
                System.out.println(Arrays.toString(input) + ": " + e + " remaining " + i.getRemaining());
                try {
                    i.inflate(new byte[8]);
                } catch (DataFormatException again) {
                    System.out.println("  again: " + again.getMessage());
                }
            }
            i.end();
        }
        Inflater raw = new Inflater(true);
        raw.setInput(new byte[] {7, 0, 0, 0, 0, 0});
        try {
            raw.inflate(new byte[10]);
        } catch (DataFormatException e) {
            System.out.println("raw: " + e.getMessage() + " remaining " + raw.getRemaining());
        }
        raw.reset();
        raw.setInput(new byte[] {1, 3, 0, -4, -1, 97, 98, 99});
        try {
            byte[] out = new byte[10];
            int n = raw.inflate(out);
            System.out.println("after reset: " + new String(out, 0, n, StandardCharsets.UTF_8) + " finished " + raw.finished());
        } catch (DataFormatException e) {
            System.out.println("after reset: " + e);
        }
    }

    static void states() throws DataFormatException {
        Deflater d = new Deflater();
        System.out.println("new deflater needs input " + d.needsInput() + " finished " + d.finished());
        byte[] first = deflateAll(d, "first stream".getBytes(StandardCharsets.UTF_8), 7);
        d.reset();
        byte[] second = deflateAll(d, "second stream".getBytes(StandardCharsets.UTF_8), 7);
        System.out.println("reset streams " + Arrays.toString(first) + " " + Arrays.toString(second));
        d.end();
        try {
            d.deflate(new byte[4]);
        } catch (NullPointerException e) {
            System.out.println("after end: " + e.getMessage());
        }
        Inflater i = new Inflater();
        System.out.println("first " + new String(inflateAll(i, first, 3), StandardCharsets.UTF_8));
        i.reset();
        System.out.println("second " + new String(inflateAll(i, second, 5), StandardCharsets.UTF_8));
        i.end();
        try {
            i.getAdler();
        } catch (NullPointerException e) {
            System.out.println("after end: " + e.getMessage());
        }
    }

    static byte[] deflateAll(Deflater d, byte[] data, int chunk) {
        d.setInput(data);
        d.finish();
        byte[] out = new byte[data.length * 2 + 64];
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(out, n, Math.min(chunk, out.length - n));
        }
        return Arrays.copyOf(out, n);
    }

    static byte[] inflateAll(Inflater i, byte[] data, int chunk) throws DataFormatException {
        i.setInput(data);
        byte[] out = new byte[TEXT.length * 2];
        int n = 0;
        while (!i.finished()) {
            int m = i.inflate(out, n, Math.min(chunk, out.length - n));
            if (m == 0 && (i.needsInput() || i.needsDictionary())) {
                break;
            }
            n += m;
        }
        return Arrays.copyOf(out, n);
    }
}
