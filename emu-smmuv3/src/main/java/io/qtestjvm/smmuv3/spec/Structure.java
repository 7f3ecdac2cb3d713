package io.qtestjvm.smmuv3.spec;

/**
 * A flyweight over one guest structure (an STE, a CD, a command, an event record or a translation table
 * descriptor): {@link #load} copies its 64-bit words out of guest memory into a buffer this object owns, and
 * fields are read in place with the constants of the structure's layout class. One instance is reused for every
 * fetch, so decoding allocates nothing.
 */
public final class Structure {
    private final long[] words;
    private long address;

    public Structure(int words) {
        this.words = new long[words];
    }

    /** Fetches the structure at {@code pa}; false if the fetch got an external abort (the words are then zero). */
    public boolean load(GuestMemory memory, long pa) {
        address = pa;
        if (memory.read(pa, words, 0, words.length)) {
            return true;
        }
        java.util.Arrays.fill(words, 0);
        return false;
    }

    public long address() {
        return address;
    }

    public long get(int field) {
        return Field.get(words, field);
    }

    public boolean flag(int field) {
        return Field.get(words, field) != 0;
    }

    public Structure set(int field, long value) {
        Field.set(words, field, value);
        return this;
    }

    public long word(int i) {
        return words[i];
    }

    public void setWord(int i, long value) {
        words[i] = value;
    }

    public int size() {
        return words.length;
    }

    public void clear() {
        java.util.Arrays.fill(words, 0);
    }

    /** Writes the structure to guest memory at {@code pa}; false on an external abort. */
    public boolean store(GuestMemory memory, long pa) {
        for (int i = 0; i < words.length; i++) {
            if (!memory.write64(pa + 8L * i, words[i])) {
                return false;
            }
        }
        return true;
    }
}
