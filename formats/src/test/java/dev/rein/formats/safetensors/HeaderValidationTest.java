package dev.rein.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a header can be wrong gives a FormatException naming the file and, where there is one, the tensor. */
class HeaderValidationTest {
    private static final String GOOD_ENTRY = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    @TempDir
    Path dir;

    /** Opens {@code contents} and checks the error: its field is {@code tensor}, its message has each fragment. */
    private void assertRejected(byte[] contents, String tensor, String... fragments) throws IOException {
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, contents);
        FormatException e = assertThrows(FormatException.class, () -> SafetensorsFile.open(file).close());
        String message = e.getMessage();
        assertEquals(file, e.file());
        assertTrue(message.startsWith(file + ": "), message);
        assertEquals(tensor, e.field(), message);
        if (tensor != null) {
            assertTrue(message.contains(tensor), message);
        }
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "expected \"" + fragment + "\" in: " + message);
        }
    }

    /** A one-tensor header with the given entry for tensor "w" and 8 data bytes. */
    private void assertEntryRejected(String entry, String... fragments) throws IOException {
        assertRejected(FileBytes.file("{\"w\":" + entry + "}", 8), "w", fragments);
    }

    @Test
    void fileShorterThanTheLengthField() throws IOException {
        assertRejected(new byte[0], null, "0 bytes");
        assertRejected(new byte[7], null, "7 bytes");
    }

    @Test
    void headerLengthBeyondTheFileOrTheLimit() throws IOException {
        byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
        assertRejected(FileBytes.concat(FileBytes.lengthField(3), header), null, "header length 3", "2 bytes");
        assertRejected(FileBytes.concat(FileBytes.lengthField(100_000_001), header), null, "100000001", "limit");
        assertRejected(FileBytes.concat(FileBytes.lengthField(-1), header), null, "18446744073709551615");
    }

    @Test
    void headerThatIsNotUtf8() throws IOException {
        byte[] invalid = "{\"w\u0000\":1}".getBytes(StandardCharsets.UTF_8);
        invalid[3] = (byte) 0xFF;
        assertRejected(FileBytes.file(invalid, new byte[0]), null, "UTF-8");
        byte[] overlong = "{\"w\u0000\u0000\":1}".getBytes(StandardCharsets.UTF_8); // C0 AF is an overlong '/'
        overlong[3] = (byte) 0xC0;
        overlong[4] = (byte) 0xAF;
        assertRejected(FileBytes.file(overlong, new byte[0]), null, "UTF-8");
    }

    @Test
    void headerThatDoesNotStartWithABrace() throws IOException {
        assertRejected(FileBytes.file(" {}", 0), null, "must begin with '{'");
        assertRejected(FileBytes.file("[]", 0), null, "must begin with '{'");
        assertRejected(FileBytes.file("", 0), null, "empty header");
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        assertRejected(FileBytes.file("{\"w\":" + GOOD_ENTRY, 8), "w", "not valid JSON");
        assertRejected(FileBytes.file("{\"w\":" + GOOD_ENTRY + "} x", 8), null, "not valid JSON");
        assertRejected(FileBytes.file("{}\u0000\u0000", 0), null, "not valid JSON");
        assertRejected(FileBytes.file("{\"w\":{\"dtype\":F32}}", 0), "w", "not valid JSON");
    }

    @Test
    void duplicateNamesAreRejectedNotResolvedToTheLastOne() throws IOException {
        assertRejected(FileBytes.file("{\"w\":" + GOOD_ENTRY + ",\"w\":" + GOOD_ENTRY + "}", 8), "w", "Duplicate");
        assertEntryRejected("{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", "Duplicate",
                "dtype");
        assertRejected(FileBytes.file("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", 0), "__metadata__", "Duplicate");
    }

    @Test
    void entriesWithMissingIllTypedOrUnknownFields() throws IOException {
        assertEntryRejected("[]", "expected an object");
        assertEntryRejected("{\"shape\":[2],\"data_offsets\":[0,8]}", "no dtype");
        assertEntryRejected("{\"dtype\":\"F32\",\"data_offsets\":[0,8]}", "no shape");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[2]}", "no data_offsets");
        assertEntryRejected("{\"dtype\":32,\"shape\":[2],\"data_offsets\":[0,8]}", "dtype must be a string");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,8]}", "shape must be an array");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[\"2\"],\"data_offsets\":[0,8]}", "shape must hold");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}", "shape must hold");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}", "[begin, end]");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":{}}", "[begin, end]");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,null]}", "data_offsets must hold");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"offsets\":[0,8]}",
                "unexpected field \"offsets\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"F64", "I8", "U8", "I16", "U16", "U32", "U64", "F8_E4M3", "F8_E5M2", "f32", ""})
    void unsupportedDtypes(String dtype) throws IOException {
        assertEntryRejected("{\"dtype\":\"" + dtype + "\",\"shape\":[8],\"data_offsets\":[0,8]}",
                "unsupported dtype \"" + dtype + "\"");
    }

    @Test
    void negativeHugeAndOverflowingShapes() throws IOException {
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}", "non-negative", "-2");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[4294967296],\"data_offsets\":[0,8]}", "4294967296",
                "larger than");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],"
                + "\"data_offsets\":[0,8]}", "more than 2^63 bytes");
        assertEntryRejected("{\"dtype\":\"I64\",\"shape\":[2147483647,2147483647,2],\"data_offsets\":[0,8]}",
                "more than 2^63 bytes");
    }

    @Test
    void aTrillionElementClaimIsRejectedWithoutAllocating() throws IOException {
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,4000000000000]}",
                "past the end of the data area");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,8]}",
                "hold 8 bytes", "needs 4000000000000");
    }

    @Test
    void offsetsOutOfRangeReversedOrNotMatchingTheShape() throws IOException {
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}", "non-negative");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,99999999999999999999]}",
                "below 2^63");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}", "begin after they end");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}", "past the end",
                "holds 8 bytes");
        assertEntryRejected("{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}", "hold 8 bytes",
                "needs 12");
    }

    @Test
    void rangesMustTileTheDataAreaInOrder() throws IOException {
        String a = oneFloatAt("a", 0);
        assertRejected(FileBytes.file("{" + a + "," + oneFloatAt("b", 2) + "}", 8), "b", "overlap tensor \"a\"");
        assertRejected(FileBytes.file("{" + a + "," + oneFloatAt("b", 0) + "}", 4), "b", "overlap tensor \"a\"");
        assertRejected(FileBytes.file("{" + a + "," + oneFloatAt("b", 6) + "}", 10), "b",
                "2 bytes from offset 4 unused", "after tensor \"a\"");
        assertRejected(FileBytes.file("{" + oneFloatAt("b", 4) + "}", 8), "b", "4 bytes from offset 0 unused");
    }

    /** The header entry of an F32 [1] tensor starting at {@code begin}. */
    private static String oneFloatAt(String name, int begin) {
        return "\"" + name + "\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[" + begin + ","
                + (begin + 4) + "]}";
    }

    @Test
    void bytesAfterTheLastTensorAreRejected() throws IOException {
        assertRejected(FileBytes.file("{" + oneFloatAt("a", 0) + "}", 5), "a", "1 bytes follow the end of the last tensor");
        assertRejected(FileBytes.file("{}", 3), null, "3 bytes follow");
    }

    @Test
    void metadataMustMapStringsToStrings() throws IOException {
        assertRejected(FileBytes.file("{\"__metadata__\":[\"pt\"]}", 0), "__metadata__", "expected an object");
        assertRejected(FileBytes.file("{\"__metadata__\":{\"step\":3}}", 0), "__metadata__.step", "must be strings");
    }

    @Test
    void unpairedSurrogateEscapesAreRejected() throws IOException {
        assertRejected(FileBytes.file("{\"w\\ud800\":" + GOOD_ENTRY + "}", 8), "w\ud800", "surrogate");
        assertRejected(FileBytes.file("{\"__metadata__\":{\"k\":\"\\udc00\"}}", 0), "__metadata__.k", "surrogate");
    }
}
