/** File writing shared by the writers of checkpoint files: {@link dev.rein.formats.io.AtomicFiles}. */
package dev.rein.formats.io;
