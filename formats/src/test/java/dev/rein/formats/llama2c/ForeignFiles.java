package dev.rein.formats.llama2c;

/** The first bytes of PyTorch's two torch.save formats, as torch 1.13 writes them. */
final class ForeignFiles {
    /** A zip archive: the default format since torch 1.6. */
    static final byte[] ZIP_START = {'P', 'K', 3, 4, 0, 0, 0, 0, 8, 0, 0, 0};
    /** A pickle starting with torch's magic number: {@code _use_new_zipfile_serialization=False}. */
    static final byte[] LEGACY_TORCH_START = {(byte) 0x80, 2, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c,
            0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8};

    private ForeignFiles() {
    }
}
