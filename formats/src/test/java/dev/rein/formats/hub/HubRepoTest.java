package dev.rein.formats.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HubRepoTest {
    @Test
    void theDefaultRevisionIsMain() {
        assertEquals(new HubRepo("org/name", "main"), new HubRepo("org/name", null));
        assertEquals("org/name@main", HubRepo.of("org/name").toString());
    }

    @Test
    void theCacheFolderIsNamedAsHuggingfaceHubNamesIt() {
        assertEquals("models--meta-llama--Llama-3.2-1B", HubRepo.of("meta-llama/Llama-3.2-1B").folderName());
    }

    @Test
    void onlyFullShasAreCommits() {
        assertTrue(new HubRepo("org/name", "0123456789abcdef0123456789abcdef01234567").revisionIsCommit());
        assertFalse(new HubRepo("org/name", "0123456").revisionIsCommit());
        assertFalse(HubRepo.of("org/name").revisionIsCommit());
    }

    @Test
    void idsAndRevisionsThatCouldLeaveTheCacheAreRefused() {
        for (String id : new String[] {"name", "a/b/c", "org/na--me", "org/..", "org/name.git", "org/na me"}) {
            assertThrows(IllegalArgumentException.class, () -> HubRepo.of(id), id);
        }
        for (String revision : new String[] {"../main", "refs/../../x", "/main", "a\\b"}) {
            assertThrows(IllegalArgumentException.class, () -> new HubRepo("org/name", revision), revision);
        }
        assertEquals("refs/pr/1", new HubRepo("org/name", "refs/pr/1").revision());
    }
}
