package io.qtestjvm.server.qtest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * qtest numbers as C's strtoull/strtoll in base 0 read them (ISO C 7.22.1.4), at the edges of the 64-bit range in
 * each base: the largest value that fits is taken, the next is an overflow.
 */
class QtestNumbersTest {
    private final QtestNumbers numbers = new QtestNumbers();

    private long u64(String word) {
        byte[] b = word.getBytes(StandardCharsets.ISO_8859_1);
        return numbers.parseU64(b, 0, b.length);
    }

    private long i64(String word) {
        byte[] b = word.getBytes(StandardCharsets.ISO_8859_1);
        return numbers.parseI64(b, 0, b.length);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "0x0, 0", "0x1F, 31", "0xabcDEF, 11259375", "0X10, 16", "0x80002000, 2147491840",
        "0xffffffffffffffff, -1", "0x0000000000000000000001, 1", "0x7fffffffffffffff, 9223372036854775807",
        "18446744073709551615, -1", "18446744073709551610, -6", "1844674407370955161, 1844674407370955161",
        "01777777777777777777777, -1", "0777, 511", "0, 0", "00, 0",
        "-1, -1", "+5, 5", "' \t12', 12", "-0x10, -16"})
    void anUnsignedNumberInRangeIsTaken(String word, long expected) {
        assertEquals(expected, u64(word));
        assertTrue(numbers.ok(), word);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0x10000000000000000", "0x1ffffffffffffffff", "18446744073709551616",
        "18446744073709551620", "99999999999999999999", "02000000000000000000000", "0x", "0xg", "0x-1", "08",
        "12 ", "1a", "", "-", "0x1_0", "\u00e90"})
    void anUnsignedNumberOutOfRangeOrMalformedIsRefused(String word) {
        u64(word);
        assertFalse(numbers.ok(), word);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"-9223372036854775808, -9223372036854775808", "9223372036854775807, 9223372036854775807",
        "-0x8000000000000000, -9223372036854775808", "-7, -7"})
    void aSignedNumberInRangeIsTaken(String word, long expected) {
        assertEquals(expected, i64(word));
        assertTrue(numbers.ok(), word);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-9223372036854775809", "9223372036854775808", "0x8000000000000000",
        "0xffffffffffffffff"})
    void aSignedNumberOutOfRangeIsRefused(String word) {
        i64(word);
        assertFalse(numbers.ok(), word);
    }
}
