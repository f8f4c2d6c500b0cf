/** File writing shared by the writers of checkpoint files: {@link dev.rein.models.io.AtomicFiles}. */
package dev.rein.models.io;
